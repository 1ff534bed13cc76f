package io.libp2p.core.pubsub;

import io.libp2p.pubsub.PubsubMessage;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** A received message as the application's subscriber sees it. */
public interface MessageApi {
    PubsubMessage getOriginalMessage();

    ByteBuf getData();

    /** The {@code from} field (the origin's peer id bytes), or null when the message has none. */
    byte[] getFrom();

    /** The 8-byte big-endian {@code seqno}, or null when absent. */
    Long getSeqId();

    List<Topic> getTopics();
}
