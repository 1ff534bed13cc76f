package io.libp2p.core;

import io.netty.channel.ChannelHandler;
import java.util.concurrent.CompletableFuture;

/** A libp2p channel (connection or stream) wrapping a Netty channel. */
public interface P2PChannel {
    boolean isInitiator();

    void pushHandler(ChannelHandler handler);

    void pushHandler(String name, ChannelHandler handler);

    void addHandlerBefore(String baseName, String name, ChannelHandler handler);

    /** Completes with {@code kotlin.Unit.INSTANCE} when the channel is closed. */
    CompletableFuture<kotlin.Unit> close();

    CompletableFuture<kotlin.Unit> closeFuture();
}
