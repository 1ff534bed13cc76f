package io.libp2p.core.pubsub;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;

/** Publishing side of the pubsub API. */
public interface PubsubPublisherApi {
    default CompletableFuture<kotlin.Unit> publish(ByteBuf data, Topic... topics) {
        return publishExt(data, null, null, topics);
    }

    /** {@code from} and {@code seqId} override the publisher's own only when it has no signing key. */
    CompletableFuture<kotlin.Unit> publishExt(ByteBuf data, byte[] from, Long seqId, Topic... topics);
}
