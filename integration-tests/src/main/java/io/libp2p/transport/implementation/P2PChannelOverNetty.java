package io.libp2p.transport.implementation;

import io.libp2p.core.P2PChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import java.util.concurrent.CompletableFuture;

/** A libp2p channel backed by one Netty channel. */
public abstract class P2PChannelOverNetty implements P2PChannel {
    private final Channel nettyChannel;
    private final boolean isInitiator;
    private final CompletableFuture<kotlin.Unit> closeFuture;

    protected P2PChannelOverNetty(Channel nettyChannel, boolean isInitiator) {
        this.nettyChannel = nettyChannel;
        this.isInitiator = isInitiator;
        this.closeFuture = toUnitFuture(nettyChannel.closeFuture());
    }

    public final Channel getNettyChannel() {
        return nettyChannel;
    }

    @Override
    public boolean isInitiator() {
        return isInitiator;
    }

    @Override
    public void pushHandler(ChannelHandler handler) {
        nettyChannel.pipeline().addLast(handler);
    }

    @Override
    public void pushHandler(String name, ChannelHandler handler) {
        nettyChannel.pipeline().addLast(name, handler);
    }

    @Override
    public void addHandlerBefore(String baseName, String name, ChannelHandler handler) {
        nettyChannel.pipeline().addBefore(baseName, name, handler);
    }

    @Override
    public CompletableFuture<kotlin.Unit> close() {
        return toUnitFuture(nettyChannel.close());
    }

    @Override
    public CompletableFuture<kotlin.Unit> closeFuture() {
        return closeFuture;
    }

    /** A Netty future as a CompletableFuture of kotlin.Unit, as jvm-libp2p returns them. */
    public static CompletableFuture<kotlin.Unit> toUnitFuture(ChannelFuture f) {
        CompletableFuture<kotlin.Unit> cf = new CompletableFuture<>();
        f.addListener(x -> {
            if (x.isSuccess()) {
                cf.complete(kotlin.Unit.INSTANCE);
            } else {
                cf.completeExceptionally(x.cause());
            }
        });
        return cf;
    }
}
