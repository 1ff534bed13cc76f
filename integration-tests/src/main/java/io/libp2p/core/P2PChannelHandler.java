package io.libp2p.core;

import java.util.concurrent.CompletableFuture;

/** Sets up a channel and completes with the controller of what it installed. */
public interface P2PChannelHandler<TController> {
    CompletableFuture<TController> initChannel(P2PChannel ch);

    default StreamHandler<TController> toStreamHandler() {
        return this::initChannel;
    }
}
