package io.libp2p.wiretest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.libp2p.mux.yamux.YamuxStreamChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/** Echo server and client handlers for stream tests. */
public final class Echo {
    public static final String PROTOCOL = "/echo/1.0.0";

    private Echo() {
    }

    /**
     * Opens {@code count} echo streams on {@code c} at once, stream {@code i} sending
     * {@code size.applyAsInt(i)} bytes drawn from {@code rnd} and half-closing, and asserts that
     * every stream echoes exactly its bytes within {@code timeout}.
     */
    public static void assertConcurrentEchoes(WireNode.Connection c, Random rnd, int count, IntUnaryOperator size,
                                              Duration timeout) throws Exception {
        List<byte[]> sent = new ArrayList<>();
        List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[size.applyAsInt(i)];
            rnd.nextBytes(data);
            sent.add(data);
            Collector collector = new Collector();
            echoes.add(collector.result);
            WireNode.openStream(c, PROTOCOL, collector).thenAccept(s -> {
                s.writeAndFlush(Unpooled.wrappedBuffer(data));
                s.closeWrite();
            }).exceptionally(e -> {
                collector.result.completeExceptionally(e);
                return null;
            });
        }
        CompletableFuture.allOf(echoes.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 0; i < count; i++) {
            assertThat(echoes.get(i).get()).as("echo on stream %d", i).isEqualTo(sent.get(i));
        }
    }

    /** Writes back what it reads; half-closes after the remote has. */
    public static final class Server extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.write(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownEvent.INSTANCE) {
                ctx.flush();
                ctx.channel().disconnect();
            }
        }
    }

    /** Collects what it reads until the remote half-closes; fails if the stream ends otherwise. */
    public static final class Collector extends ChannelInboundHandlerAdapter {
        private final ByteBuf received = Unpooled.buffer();
        public final CompletableFuture<byte[]> result = new CompletableFuture<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            received.writeBytes(b);
            b.release();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == ChannelInputShutdownEvent.INSTANCE) {
                byte[] out = new byte[received.readableBytes()];
                received.readBytes(out);
                result.complete(out);
            } else if (evt == YamuxStreamChannel.REMOTE_RESET) {
                result.completeExceptionally(new IllegalStateException("stream reset by the remote"));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IllegalStateException("stream closed before the remote finished"));
            received.release();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
        }
    }
}
