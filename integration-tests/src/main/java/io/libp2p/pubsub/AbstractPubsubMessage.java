package io.libp2p.pubsub;

/** Base of message implementations: caches the SHA-256 and compares by the wire message. */
public abstract class AbstractPubsubMessage implements PubsubMessage {
    private volatile byte[] sha256;

    public AbstractPubsubMessage() {
    }

    @Override
    public byte[] messageSha256() {
        byte[] s = sha256;
        if (s == null) {
            s = PubsubMessage.super.messageSha256();
            sha256 = s;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PubsubMessage m && getProtobufMessage().equals(m.getProtobufMessage());
    }

    @Override
    public int hashCode() {
        return getProtobufMessage().hashCode();
    }
}
