package dev.privacyagent.sample.gossip;

import io.libp2p.etc.types.WBytes;
import io.libp2p.pubsub.AbstractPubsubMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import pubsub.pb.Rpc;

/**
 * A Teku-style message: its id is derived from the content, as Ethereum's (Altair) gossip message
 * id without the snappy step: SHA-256(0x01000000 ++ u64le(len(topic)) ++ topic ++ data)[:20].
 * StrictNoSign networks need it: unsigned messages have no from/seqno to build an id from.
 */
public final class ContentIdMessage extends AbstractPubsubMessage {
    private static final byte[] DOMAIN_VALID_SNAPPY = {1, 0, 0, 0};

    private final Rpc.Message protobufMessage;
    private volatile WBytes messageId;

    public ContentIdMessage(Rpc.Message protobufMessage) {
        this.protobufMessage = protobufMessage;
    }

    @Override
    public Rpc.Message getProtobufMessage() {
        return protobufMessage;
    }

    /** Computed on first use (the router asks once per unseen message; duplicates hit the seen cache). */
    @Override
    public WBytes getMessageId() {
        WBytes id = messageId;
        if (id == null) {
            String topic = protobufMessage.getTopicIDsCount() > 0 ? protobufMessage.getTopicIDs(0) : "";
            id = new WBytes(contentId(topic, protobufMessage.getData().toByteArray()));
            messageId = id;
        }
        return id;
    }

    public static byte[] contentId(String topic, byte[] data) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(DOMAIN_VALID_SNAPPY);
            sha.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(t.length).array());
            sha.update(t);
            sha.update(data);
            byte[] full = sha.digest();
            byte[] id = new byte[20];
            System.arraycopy(full, 0, id, 0, 20);
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
