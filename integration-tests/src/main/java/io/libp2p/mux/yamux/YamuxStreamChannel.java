package io.libp2p.mux.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AbstractChannel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * One yamux stream as a Netty child channel of the connection channel. Writes leave only as far
 * as the remote's window allows; the rest stays in the outbound buffer (so {@code isWritable()}
 * reflects back-pressure) until a window update arrives. Reads honour {@code autoRead}: with it
 * off, received data waits here, unacknowledged, until {@code read()} is called, which is what
 * makes a slow reader throttle the sender.
 *
 * <p>As in jvm-libp2p, {@code disconnect()} (and {@link #closeWrite()}) half-closes: FIN goes out
 * once everything queued has been sent, and reading continues. {@code close()} before both sides
 * have sent FIN resets the stream (RST) and drops unsent data; once both have, the stream closes by
 * itself. {@link #reset()} is an explicit RST.
 */
public final class YamuxStreamChannel extends AbstractChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(true);

    /** Fired on the stream's pipeline when the remote resets the stream, just before it closes. */
    public static final Object REMOTE_RESET = new Object() {
        @Override
        public String toString() {
            return "YamuxStreamChannel.REMOTE_RESET";
        }
    };

    private final YamuxSession session;
    private final int streamId;
    private final boolean initiator;
    private final DefaultChannelConfig config = new DefaultChannelConfig(this);
    private final ArrayDeque<ByteBuf> inbound = new ArrayDeque<>();

    private boolean open = true;
    private long sendWindow = YamuxSession.INITIAL_WINDOW;
    private long recvWindow = YamuxSession.INITIAL_WINDOW;
    private long consumedSinceUpdate;
    private boolean blockedOnWindow;
    private boolean readRequested;
    private boolean delivering;
    private boolean localFinPending;
    private boolean localFin;
    private boolean remoteFin;
    private boolean inputShutdownFired;
    private boolean resetSent;
    private boolean remoteReset;
    private boolean closedBySession;

    YamuxStreamChannel(YamuxSession session, int streamId, boolean initiator) {
        super(session.channel());
        this.session = session;
        this.streamId = streamId;
        this.initiator = initiator;
    }

    public int streamId() {
        return streamId;
    }

    /** True when this side opened the stream. */
    public boolean isInitiator() {
        return initiator;
    }

    public boolean isOutputShutdown() {
        return localFin || localFinPending;
    }

    public boolean isInputShutdown() {
        return remoteFin;
    }

    public boolean isResetByRemote() {
        return remoteReset;
    }

    /** Bytes the remote currently lets us send. */
    public long sendWindow() {
        return sendWindow;
    }

    /** Half-closes: FIN once queued data has gone out; reading continues. Same as {@code disconnect()}. */
    public ChannelFuture closeWrite() {
        return disconnect();
    }

    /** Aborts the stream in both directions with RST. */
    public ChannelFuture reset() {
        ChannelPromise promise = newPromise();
        runOnLoop(() -> {
            if (isActive() && !resetSent) {
                resetSent = true;
                session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, streamId, 0);
                session.flush();
            }
            close(promise);
        });
        return promise;
    }

    private void runOnLoop(Runnable r) {
        if (eventLoop().inEventLoop()) {
            r.run();
        } else {
            eventLoop().execute(r);
        }
    }

    // ---- called by the session on the event loop ----

    void onData(ByteBuf data) {
        int n = data.readableBytes();
        if (n > recvWindow) {
            data.release();
            throw new YamuxProtocolException("stream " + streamId + " received " + n + " bytes with a window of " + recvWindow);
        }
        recvWindow -= n;
        if (!isActive()) {
            // Closed locally while the remote was still sending: discard, but keep its window open.
            data.release();
            consumed(n);
            return;
        }
        inbound.add(data);
        if (readRequested) {
            drain();
        }
    }

    void onWindowUpdate(long delta) {
        sendWindow += delta;
        if (blockedOnWindow && sendWindow > 0 && isActive()) {
            blockedOnWindow = false;
            ((StreamUnsafe) unsafe()).resumeFlush();
        }
    }

    void onRemoteFin() {
        remoteFin = true;
        if (isActive() && !delivering) {
            drain();
        }
    }

    void onRemoteReset() {
        remoteReset = true;
        if (isActive()) {
            pipeline().fireUserEventTriggered(REMOTE_RESET);
        }
        closeFromSession();
    }

    /** Closes without sending anything: the remote reset the stream or the connection is gone. */
    void closeFromSession() {
        closedBySession = true;
        if (isOpen()) {
            unsafe().close(unsafe().voidPromise());
        }
    }

    boolean isFinished() {
        return !isOpen() && (remoteFin || remoteReset || resetSent || closedBySession);
    }

    private void drain() {
        delivering = true;
        boolean delivered = false;
        try {
            while (readRequested && !inbound.isEmpty() && isActive()) {
                ByteBuf buf = inbound.poll();
                if (!config.isAutoRead()) {
                    readRequested = false;
                }
                int n = buf.readableBytes();
                pipeline().fireChannelRead(buf);
                delivered = true;
                consumed(n);
            }
        } finally {
            delivering = false;
        }
        if (delivered) {
            session.flush();
            pipeline().fireChannelReadComplete();
        }
        if (remoteFin && inbound.isEmpty() && !inputShutdownFired && isActive()) {
            inputShutdownFired = true;
            pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            if (localFin) {
                close();
            }
        }
    }

    /** Data reached the application: grant the remote that much window again, in batches. */
    private void consumed(int n) {
        consumedSinceUpdate += n;
        if (consumedSinceUpdate >= YamuxSession.INITIAL_WINDOW / 2) {
            recvWindow += consumedSinceUpdate;
            session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, 0, streamId, consumedSinceUpdate);
            consumedSinceUpdate = 0;
        }
    }

    private void sendFinIfDrained() {
        ChannelOutboundBuffer out = unsafe().outboundBuffer();
        if (localFinPending && !localFin && (out == null || out.isEmpty())) {
            localFinPending = false;
            localFin = true;
            session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_FIN, streamId, 0);
            session.flush();
            if (inputShutdownFired) {
                close();
            }
        }
    }

    // ---- Netty channel ----

    @Override
    protected void doWrite(ChannelOutboundBuffer in) throws Exception {
        boolean wrote = false;
        while (true) {
            Object msg = in.current();
            if (msg == null) {
                break;
            }
            if (!(msg instanceof ByteBuf buf)) {
                in.remove(new UnsupportedOperationException("a yamux stream carries ByteBuf only, got " + msg.getClass().getName()));
                continue;
            }
            if (localFin || resetSent) {
                in.remove(new ClosedChannelException());
                continue;
            }
            if (!buf.isReadable()) {
                in.remove();
                continue;
            }
            if (sendWindow <= 0) {
                blockedOnWindow = true;
                break;
            }
            int n = (int) Math.min(Math.min(buf.readableBytes(), sendWindow), YamuxSession.MAX_DATA_FRAME);
            session.writeData(streamId, buf.readRetainedSlice(n));
            wrote = true;
            sendWindow -= n;
            in.progress(n);
            if (!buf.isReadable()) {
                in.remove();
            }
        }
        if (wrote) {
            session.flush();
        }
        if (in.isEmpty()) {
            sendFinIfDrained();
        }
    }

    @Override
    protected void doBeginRead() {
        readRequested = true;
        if (!delivering) {
            drain();
        }
    }

    @Override
    protected void doClose() {
        if (!open) {
            return;
        }
        open = false;
        ByteBuf buf;
        while ((buf = inbound.poll()) != null) {
            // unread data dies with the stream; no window update, the stream is being reset or is gone
            buf.release();
        }
        boolean graceful = localFin && remoteFin;
        if (!closedBySession && !resetSent && !graceful && session.channel().isActive()) {
            resetSent = true;
            session.writeFrame(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_RST, streamId, 0);
            session.flush();
        }
        session.onStreamClosed(this);
    }

    @Override
    protected void doDisconnect() {
        if (open && !localFin && !localFinPending && !resetSent) {
            localFinPending = true;
            sendFinIfDrained();
        }
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("a yamux stream cannot be bound");
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new StreamUnsafe();
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return true;
    }

    @Override
    protected SocketAddress localAddress0() {
        return parent().localAddress();
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return parent().remoteAddress();
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open;
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    @Override
    public String toString() {
        return "YamuxStream[" + streamId + (initiator ? ", out" : ", in") + ", " + parent() + "]";
    }

    private final class StreamUnsafe extends AbstractUnsafe {
        @Override
        public void connect(SocketAddress remote, SocketAddress local, ChannelPromise promise) {
            promise.setFailure(new UnsupportedOperationException("yamux streams are opened through the session"));
        }

        void resumeFlush() {
            flush0();
        }
    }
}
