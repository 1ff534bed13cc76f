package io.libp2p.pubsub;

import io.libp2p.core.Stream;
import io.netty.channel.ChannelHandler;

/** A router that can put a debug handler (sees decoded RPCs both ways) into each peer's pipeline. */
public interface PubsubRouterDebug extends PubsubRouter {
    default void addPeerWithDebugHandler(Stream stream, ChannelHandler debugHandler) {
        addPeer(stream);
    }
}
