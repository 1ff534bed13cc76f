package io.libp2p.core;

import io.libp2p.etc.BroadcastChannelVisitor;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sees every channel of a kind (connection or stream) right after it is created. */
public interface ChannelVisitor<TChannel extends P2PChannel> {
    void visit(TChannel channel);

    @SuppressWarnings("unchecked")
    default P2PChannelHandler<kotlin.Unit> toChannelHandler() {
        return ch -> {
            visit((TChannel) ch);
            return CompletableFuture.completedFuture(kotlin.Unit.INSTANCE);
        };
    }

    /** A visitor that calls every visitor of its list in order. */
    interface Broadcast<TChannel extends P2PChannel>
            extends ChannelVisitor<TChannel>, List<ChannelVisitor<TChannel>>, kotlin.jvm.internal.markers.KMutableList {
    }

    @SafeVarargs
    static <TChannel extends P2PChannel> Broadcast<TChannel> createBroadcast(ChannelVisitor<TChannel>... visitors) {
        BroadcastChannelVisitor<TChannel> b = new BroadcastChannelVisitor<>();
        b.addAll(Arrays.asList(visitors));
        return b;
    }
}
