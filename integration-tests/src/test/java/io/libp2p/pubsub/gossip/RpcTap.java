package io.libp2p.pubsub.gossip;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import pubsub.pb.Rpc;

/** Gossip's debug handler in tests: every decoded RPC in and out of a node. */
@ChannelHandler.Sharable
final class RpcTap extends ChannelDuplexHandler {
    final ConcurrentLinkedQueue<Rpc.RPC> in = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Rpc.RPC> out = new ConcurrentLinkedQueue<>();
    /** Outbound RPCs with their stream, in write order per stream. */
    final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();

    record Sent(io.netty.channel.Channel channel, Rpc.RPC rpc) {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Rpc.RPC r) {
            in.add(r);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Rpc.RPC r) {
            out.add(r);
            sent.add(new Sent(ctx.channel(), r));
        }
        ctx.write(msg, promise);
    }

    static List<Rpc.RPC> snapshot(ConcurrentLinkedQueue<Rpc.RPC> q) {
        return List.copyOf(q);
    }
}
