package io.libp2p.protocol;

import io.libp2p.core.Stream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;

/** Adapts a {@link ProtocolMessageHandler} to the Netty pipeline of its stream. */
public class ProtocolMessageHandlerAdapter<TMessage> extends ChannelInboundHandlerAdapter {
    private final Stream stream;
    private final ProtocolMessageHandler<TMessage> pmh;
    private boolean activated;

    public ProtocolMessageHandlerAdapter(Stream stream, ProtocolMessageHandler<TMessage> pmh) {
        this.stream = stream;
        this.pmh = pmh;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            activate();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        activate();
        super.channelActive(ctx);
    }

    private void activate() {
        if (!activated) {
            activated = true;
            pmh.onActivated(stream);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            pmh.fireMessage(stream, msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * The remote finished writing (FIN): finish ours too. Request/response protocols (ping,
     * identify) are done then, and peers such as js-libp2p count a stream as open until both
     * sides have closed it.
     */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            stream.closeWrite();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelUnregistered(ChannelHandlerContext ctx) throws Exception {
        pmh.onClosed(stream);
        super.channelUnregistered(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        pmh.onException(cause);
        ctx.close();
    }
}
