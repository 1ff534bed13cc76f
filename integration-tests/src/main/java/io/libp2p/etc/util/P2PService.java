package io.libp2p.etc.util;

import io.libp2p.core.PeerId;
import io.libp2p.core.Stream;
import io.libp2p.core.multiformats.Multiaddr;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A service over per-peer streams whose whole state is owned by one event thread: every Netty
 * callback of its streams hops onto {@link #getExecutor()} and public calls post to it.
 */
public abstract class P2PService {
    private final ScheduledExecutorService executor;
    private final List<PeerHandler> peers = new ArrayList<>();
    private final List<PeerHandler> activePeers = new ArrayList<>();

    protected P2PService(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public final ScheduledExecutorService getExecutor() {
        return executor;
    }

    /** Every peer with at least one stream (event thread). */
    public final List<PeerHandler> getPeers() {
        return peers;
    }

    /** Peers we can write to (event thread). */
    public final List<PeerHandler> getActivePeers() {
        return activePeers;
    }

    /** Runs {@code task} on the event thread and completes with its result. */
    public final <C> CompletableFuture<C> submitOnEventThread(kotlin.jvm.functions.Function0<? extends C> task) {
        CompletableFuture<C> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    f.complete(task.invoke());
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(e);
        }
        return f;
    }

    /** Runs {@code task} on the event thread and completes as the future it returns does. */
    public final <C> CompletableFuture<C> submitAsyncOnEventThread(kotlin.jvm.functions.Function0<? extends CompletableFuture<C>> task) {
        return submitOnEventThread(task).thenCompose(x -> x);
    }

    public final void runOnEventThread(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    onServiceException(t);
                }
            });
        } catch (RejectedExecutionException e) {
            // the router is shut down: nothing more to do for this peer
        }
    }

    /** Event thread: a stream's handler was added; semi-duplex services pair streams here. */
    protected void streamAdded(StreamHandler handler) {
        PeerHandler peer = createPeerHandler(handler);
        handler.setPeerHandler(peer);
        peers.add(peer);
        activePeers.add(peer);
        onPeerActive(peer);
    }

    /** Event thread: a stream closed. */
    protected void streamDisconnected(StreamHandler handler) {
        PeerHandler peer = handler.getPeerHandler();
        if (peer != null && peers.remove(peer)) {
            boolean wasActive = activePeers.remove(peer);
            if (wasActive) {
                onPeerDisconnected(peer);
            }
        }
    }

    protected PeerHandler createPeerHandler(StreamHandler handler) {
        return new PeerHandler(handler);
    }

    protected final void markActive(PeerHandler peer) {
        if (!activePeers.contains(peer)) {
            activePeers.add(peer);
        }
    }

    protected abstract void onInbound(PeerHandler peer, Object msg);

    protected void onPeerActive(PeerHandler peer) {
    }

    protected void onPeerDisconnected(PeerHandler peer) {
    }

    /** A decoder of the peer's stream failed (oversized frame, malformed protobuf). */
    protected void onPeerWireException(PeerHandler peer, Throwable cause) {
    }

    /** An exception escaped a task on the event thread; the thread must keep running. */
    protected void onServiceException(Throwable cause) {
    }

    /** The Netty end of one stream: hands everything to the event thread. */
    public class StreamHandler extends ChannelInboundHandlerAdapter {
        private final Stream stream;
        private volatile PeerHandler peerHandler;
        private volatile ChannelHandlerContext ctx;
        private boolean closed;

        public StreamHandler(Stream stream) {
            this.stream = stream;
        }

        public final Stream getStream() {
            return stream;
        }

        public final PeerHandler getPeerHandler() {
            return peerHandler;
        }

        final void setPeerHandler(PeerHandler peerHandler) {
            this.peerHandler = peerHandler;
        }

        final ChannelHandlerContext getCtx() {
            return ctx;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            runOnEventThread(() -> streamAdded(this));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            runOnEventThread(() -> {
                PeerHandler p = peerHandler;
                if (p != null && !closed) {
                    onInbound(p, msg);
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            runOnEventThread(() -> onPeerWireException(peerHandler, cause));
        }

        @Override
        public void channelUnregistered(ChannelHandlerContext ctx) {
            disconnected();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disconnected();
        }

        private void disconnected() {
            runOnEventThread(() -> {
                if (!closed) {
                    closed = true;
                    streamDisconnected(this);
                }
            });
        }
    }

    /** One remote peer of the service. */
    public class PeerHandler {
        private final StreamHandler streamHandler;

        public PeerHandler(StreamHandler streamHandler) {
            this.streamHandler = streamHandler;
        }

        public PeerId getPeerId() {
            return streamHandler.getStream().remotePeerId();
        }

        public final StreamHandler getStreamHandler() {
            return streamHandler;
        }

        /** The stream this peer is written through. */
        public StreamHandler getWriteHandler() {
            return streamHandler;
        }

        public boolean isActive() {
            return getWriteHandler() != null && getWriteHandler().getCtx() != null;
        }

        public Multiaddr getRemoteAddress() {
            return streamHandler.getStream().getConnection().remoteAddress();
        }

        /** Whether we dialled the connection this peer came on. */
        public boolean isOutbound() {
            return streamHandler.getStream().getConnection().isInitiator();
        }

        /** The negotiated protocol id of the write stream (known once the stream is set up). */
        public String getProtocolId() {
            StreamHandler w = getWriteHandler();
            return (w != null ? w : streamHandler).getStream().getProtocol().getNow(null);
        }

        public CompletableFuture<kotlin.Unit> writeAndFlush(Object msg) {
            StreamHandler w = getWriteHandler();
            CompletableFuture<kotlin.Unit> f = new CompletableFuture<>();
            if (w == null || w.getCtx() == null) {
                f.completeExceptionally(new IllegalStateException("no writable stream to " + getPeerId()));
                return f;
            }
            w.getCtx().writeAndFlush(msg).addListener(x -> {
                if (x.isSuccess()) {
                    f.complete(kotlin.Unit.INSTANCE);
                } else {
                    f.completeExceptionally(x.cause());
                }
            });
            return f;
        }

        public CompletableFuture<kotlin.Unit> close() {
            return streamHandler.getStream().close();
        }

        @Override
        public String toString() {
            return "PeerHandler(" + getPeerId() + ")";
        }
    }

    /** Unmodifiable view for callers off the event thread that only iterate a snapshot. */
    protected static <T> List<T> snapshot(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
