package dev.privacyagent.sample.protocol;

import io.libp2p.core.P2PChannel;
import io.libp2p.core.Stream;
import io.libp2p.core.multistream.StrictProtocolBinding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * /echo/1.0.0, the stream workload shared with the js-libp2p peer: the responder writes back every
 * byte and half-closes after the remote does; the initiator sends, half-closes and collects.
 */
public class Echo extends StrictProtocolBinding<EchoController> {
    public static final String PROTOCOL_ID = "/echo/1.0.0";
    /** Bound on what one echo collects, so a misbehaving responder cannot exhaust memory. */
    public static final int MAX_ECHO_BYTES = 16 * 1024 * 1024;

    public Echo() {
        super(PROTOCOL_ID, Echo::init);
    }

    private static CompletableFuture<EchoController> init(P2PChannel ch) {
        Stream stream = (Stream) ch;
        if (stream.isInitiator()) {
            Initiator i = new Initiator(stream);
            stream.pushHandler(i);
            return CompletableFuture.completedFuture(i);
        }
        stream.pushHandler(new Responder(stream));
        return CompletableFuture.completedFuture(data -> CompletableFuture.failedFuture(
                new UnsupportedOperationException("echo responder only")));
    }

    private static final class Responder extends ChannelInboundHandlerAdapter {
        private final Stream stream;

        Responder(Stream stream) {
            this.stream = stream;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof ChannelInputShutdownEvent) {
                stream.closeWrite();
            }
            super.userEventTriggered(ctx, evt);
        }
    }

    private static final class Initiator extends ChannelInboundHandlerAdapter implements EchoController {
        private final Stream stream;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();

        Initiator(Stream stream) {
            this.stream = stream;
        }

        @Override
        public CompletableFuture<byte[]> echo(byte[] data) {
            stream.writeAndFlush(Unpooled.wrappedBuffer(data));
            stream.closeWrite();
            return result;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                if (received.size() + buf.readableBytes() > MAX_ECHO_BYTES) {
                    result.completeExceptionally(new IllegalStateException("echo exceeded " + MAX_ECHO_BYTES + " bytes"));
                    ctx.close();
                    return;
                }
                buf.readBytes(received, buf.readableBytes());
            } catch (java.io.IOException e) {
                result.completeExceptionally(e);
            } finally {
                buf.release();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof ChannelInputShutdownEvent) {
                result.complete(received.toByteArray());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            result.completeExceptionally(new io.libp2p.core.ConnectionClosedException(
                    "echo stream closed after " + received.size() + " bytes, before the remote finished"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }
}
