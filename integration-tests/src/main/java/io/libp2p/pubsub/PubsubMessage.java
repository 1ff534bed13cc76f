package io.libp2p.pubsub;

import io.libp2p.etc.types.WBytes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import pubsub.pb.Rpc;

/** A pubsub message on the router level: the wire message plus its id (computed by the app's factory). */
public interface PubsubMessage {
    Rpc.Message getProtobufMessage();

    WBytes getMessageId();

    default List<String> getTopics() {
        return getProtobufMessage().getTopicIDsList();
    }

    /** The length of {@code data}: the size gossip thresholds (flood publish, IDONTWANT) look at. */
    default int getSize() {
        return getProtobufMessage().getData().size();
    }

    /** SHA-256 of the serialized wire message (a cheap "fast id" for seen caches). */
    default byte[] messageSha256() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(getProtobufMessage().toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
