package io.libp2p.mux.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The connection side of yamux (spec: github.com/hashicorp/yamux/blob/master/spec.md, as used by
 * libp2p): owns the streams of one connection, routes frames to them, answers pings, and handles
 * go away. Sits behind a {@link YamuxFrameCodec} in the connection pipeline. Streams opened by the
 * connection's initiator (client) have odd ids, those of the responder even ids.
 *
 * <p>All state is touched on the connection's event loop only.
 */
public final class YamuxSession extends ChannelDuplexHandler {
    public static final String PROTOCOL_ID = "/yamux/1.0.0";
    public static final int INITIAL_WINDOW = 256 * 1024;
    /** One data frame fits one Noise transport message (65535 minus tag and yamux header). */
    public static final int MAX_DATA_FRAME = 65535 - 16 - YamuxFrame.HEADER_LENGTH;
    public static final int DEFAULT_MAX_INBOUND_STREAMS = 1024;

    private final boolean client;
    private final Consumer<YamuxStreamChannel> inboundStreamInitializer;
    private final int maxInboundStreams;
    private final Map<Integer, YamuxStreamChannel> streams = new HashMap<>();
    private final Map<Integer, PendingPing> pings = new ConcurrentHashMap<>();
    private final AtomicInteger pingIds = new AtomicInteger();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private ChannelHandlerContext ctx;
    private int nextStreamId;
    private int inboundOpen;
    private boolean remoteGoneAway;
    private boolean localGoneAway;

    private record PendingPing(long startNanos, CompletableFuture<Long> rtt) {
    }

    /**
     * @param client                   true on the connection's initiator (odd stream ids)
     * @param inboundStreamInitializer sets up each stream the remote opens, before it is registered
     */
    public YamuxSession(boolean client, Consumer<YamuxStreamChannel> inboundStreamInitializer, int maxInboundStreams) {
        this.client = client;
        this.inboundStreamInitializer = inboundStreamInitializer;
        this.maxInboundStreams = maxInboundStreams;
        this.nextStreamId = client ? 1 : 2;
    }

    public YamuxSession(boolean client, Consumer<YamuxStreamChannel> inboundStreamInitializer) {
        this(client, inboundStreamInitializer, DEFAULT_MAX_INBOUND_STREAMS);
    }

    Channel channel() {
        return ctx.channel();
    }

    /** Completes when the connection under this session has closed. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Opens a stream: SYN goes out at once, then {@code initializer} sets up the stream's pipeline
     * and the stream is registered (so its channelActive may write right away).
     */
    public CompletableFuture<YamuxStreamChannel> openStream(Consumer<YamuxStreamChannel> initializer) {
        CompletableFuture<YamuxStreamChannel> result = new CompletableFuture<>();
        Channel parent = ctx.channel();
        Runnable open = () -> {
            try {
                if (remoteGoneAway || localGoneAway || !parent.isActive()) {
                    result.completeExceptionally(new ClosedChannelException());
                    return;
                }
                int id = nextStreamId;
                if (id < 0) {
                    throw new YamuxProtocolException("stream ids exhausted");
                }
                nextStreamId += 2;
                YamuxStreamChannel stream = new YamuxStreamChannel(this, id, true);
                streams.put(id, stream);
                writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, id, 0);
                try {
                    initializer.accept(stream);
                } catch (RuntimeException e) {
                    streams.remove(id);
                    writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id, 0);
                    flush();
                    throw e;
                }
                parent.eventLoop().register(stream);
                flush();
                result.complete(stream);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (parent.eventLoop().inEventLoop()) {
            open.run();
        } else {
            parent.eventLoop().execute(open);
        }
        return result;
    }

    /** Sends a yamux ping; completes with the round-trip time in nanoseconds. */
    public CompletableFuture<Long> ping() {
        CompletableFuture<Long> rtt = new CompletableFuture<>();
        int id = pingIds.incrementAndGet();
        pings.put(id, new PendingPing(System.nanoTime(), rtt));
        ctx.channel().eventLoop().execute(() -> {
            if (!ctx.channel().isActive()) {
                failPing(id, new ClosedChannelException());
                return;
            }
            writeFrame(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_SYN, 0, id & 0xffffffffL);
            flush();
        });
        return rtt;
    }

    /** Closes the connection; go away (normal) goes out first (see {@link #close(ChannelHandlerContext, ChannelPromise)}). */
    public CompletableFuture<Void> close() {
        ctx.channel().close();
        return closed;
    }

    /** Any close of the connection tells the remote first, with go away (normal), so it stops opening streams. */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!localGoneAway && ctx.channel().isActive()) {
            localGoneAway = true;
            writeFrame(YamuxFrame.TYPE_GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_NORMAL);
            ctx.flush();
        }
        ctx.close(promise);
    }

    public int openStreamCount() {
        return streams.size();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof YamuxFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        switch (frame.type()) {
            case YamuxFrame.TYPE_DATA, YamuxFrame.TYPE_WINDOW_UPDATE -> onStreamFrame(frame);
            case YamuxFrame.TYPE_PING -> onPing(frame);
            default -> onGoAway(frame);
        }
    }

    private void onStreamFrame(YamuxFrame frame) {
        int id = frame.streamId();
        YamuxStreamChannel stream = streams.get(id);
        if (frame.has(YamuxFrame.FLAG_SYN) && stream == null) {
            stream = acceptStream(id);
            if (stream == null) {
                release(frame);
                return;
            }
        }
        if (stream == null) {
            // A late frame for a stream already gone: nothing to do.
            release(frame);
            return;
        }
        if (frame.has(YamuxFrame.FLAG_RST)) {
            release(frame);
            streams.remove(id);
            stream.onRemoteReset();
            return;
        }
        if (frame.type() == YamuxFrame.TYPE_WINDOW_UPDATE) {
            stream.onWindowUpdate(frame.length());
        } else if (frame.data().isReadable()) {
            stream.onData(frame.data());
        } else {
            frame.data().release();
        }
        if (frame.has(YamuxFrame.FLAG_FIN)) {
            stream.onRemoteFin();
            if (stream.isFinished()) {
                streams.remove(id);
            }
        }
    }

    private YamuxStreamChannel acceptStream(int id) {
        boolean remoteIsClient = !client;
        if (id == 0 || ((id & 1) == 1) != remoteIsClient) {
            throw new YamuxProtocolException("remote opened stream " + id + " with the wrong parity");
        }
        if (localGoneAway || inboundOpen >= maxInboundStreams) {
            writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id, 0);
            flush();
            return null;
        }
        YamuxStreamChannel stream = new YamuxStreamChannel(this, id, false);
        streams.put(id, stream);
        inboundOpen++;
        writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_ACK, id, 0);
        try {
            inboundStreamInitializer.accept(stream);
        } catch (RuntimeException e) {
            // the application could not take the stream: refuse it, keep the connection
            streams.remove(id);
            inboundOpen--;
            writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, id, 0);
            flush();
            ctx.fireExceptionCaught(e);
            return null;
        }
        flush();
        ctx.channel().eventLoop().register(stream);
        return stream;
    }

    private void onPing(YamuxFrame frame) {
        if (frame.has(YamuxFrame.FLAG_SYN)) {
            writeFrame(YamuxFrame.TYPE_PING, YamuxFrame.FLAG_ACK, 0, frame.length());
            flush();
        } else if (frame.has(YamuxFrame.FLAG_ACK)) {
            PendingPing p = pings.remove((int) frame.length());
            if (p != null) {
                p.rtt().complete(System.nanoTime() - p.startNanos());
            }
        }
    }

    private void onGoAway(YamuxFrame frame) {
        remoteGoneAway = true;
        if (frame.length() != YamuxFrame.GO_AWAY_NORMAL) {
            ctx.fireExceptionCaught(new YamuxProtocolException("remote sent go away with error code " + frame.length()));
            ctx.close();
        }
    }

    void onStreamClosed(YamuxStreamChannel stream) {
        if (!stream.isInitiator()) {
            inboundOpen--;
        }
        if (stream.isFinished()) {
            streams.remove(stream.streamId(), stream);
        }
    }

    void writeFrame(int type, int flags, int streamId, long length) {
        if (ctx.channel().isActive()) {
            ctx.write(YamuxFrameCodec.header(ctx.alloc(), type, flags, streamId, length), ctx.voidPromise());
        }
    }

    void writeData(int streamId, ByteBuf data) {
        if (ctx.channel().isActive()) {
            ctx.write(YamuxFrameCodec.data(ctx.alloc(), 0, streamId, data), ctx.voidPromise());
        } else {
            data.release();
        }
    }

    void flush() {
        ctx.flush();
    }

    private static void release(YamuxFrame frame) {
        if (frame.data() != null) {
            frame.data().release();
        }
    }

    private void failPing(int id, Throwable cause) {
        PendingPing p = pings.remove(id);
        if (p != null) {
            p.rtt().completeExceptionally(cause);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof YamuxProtocolException && ctx.channel().isActive()) {
            localGoneAway = true;
            writeFrame(YamuxFrame.TYPE_GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_PROTOCOL_ERROR);
            ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER);
            ctx.close();
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (Iterator<YamuxStreamChannel> it = new ArrayList<>(streams.values()).iterator(); it.hasNext(); ) {
            it.next().closeFromSession();
        }
        streams.clear();
        for (Integer id : new ArrayList<>(pings.keySet())) {
            failPing(id, new ClosedChannelException());
        }
        closed.complete(null);
        super.channelInactive(ctx);
    }
}
