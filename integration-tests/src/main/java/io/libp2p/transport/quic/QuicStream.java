package io.libp2p.transport.quic;

import io.libp2p.core.Connection;
import io.libp2p.transport.implementation.StreamOverNetty;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.ChannelOutputShutdownException;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One native QUIC stream as a libp2p stream. A remote FIN reaches the protocol handlers as Netty's
 * {@code ChannelInputShutdownEvent} (QUIC stream channels allow half-closure), as a muxed stream's does.
 */
public class QuicStream extends StreamOverNetty {
    private final QuicStreamChannel quicStreamChannel;
    private final AtomicBoolean finQueued = new AtomicBoolean();

    public QuicStream(QuicStreamChannel quicStreamChannel, Connection connection, boolean initiator) {
        super(quicStreamChannel, connection, initiator);
        this.quicStreamChannel = quicStreamChannel;
    }

    public final QuicStreamChannel getQuicStreamChannel() {
        return quicStreamChannel;
    }

    /**
     * Sends FIN. Idempotent like a muxer stream's half-close: a stream already closed (its connection
     * went first) or already half-closed succeeds, where Netty would fail the shutdown.
     */
    @Override
    public CompletableFuture<kotlin.Unit> closeWrite() {
        if (!quicStreamChannel.isOpen() || quicStreamChannel.isOutputShutdown() || !finQueued.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(kotlin.Unit.INSTANCE);
        }
        CompletableFuture<kotlin.Unit> done = new CompletableFuture<>();
        // FIN as a frame queued behind the data: Netty's shutdownOutput() marks the output shut at once,
        // and with the remote's FIN already in, the stream then closes and drops writes still queued.
        quicStreamChannel.writeAndFlush(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true)).addListener(f -> {
            Throwable t = f.cause();
            if (t == null || t instanceof ChannelOutputShutdownException || t instanceof ClosedChannelException) {
                done.complete(kotlin.Unit.INSTANCE);
            } else {
                done.completeExceptionally(t);
            }
        });
        return done;
    }
}
