package io.libp2p.security.noise;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the libp2p Noise XX handshake on a channel, then puts a {@link NoiseTransportCodec} in its
 * place. The session future completes on the event loop while the codec is already in the pipeline
 * (so dependents can add handlers behind it) and before bytes received after the handshake are
 * passed on. Any failure (bad message, bad signature, wrong peer id, timeout, disconnect) fails the
 * future and closes the channel.
 */
public final class NoiseHandshakeHandler extends ByteToMessageDecoder {
    public static final String TRANSPORT_HANDLER_NAME = "noise-transport";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final NoiseXXHandshake handshake;
    private final byte[] expectedPeerId;
    private final Duration timeout;
    private final CompletableFuture<NoiseSession> result = new CompletableFuture<>();
    private boolean started;
    private ScheduledFuture<?> timer;

    /**
     * @param expectedPeerId the peer id multihash the remote must prove (a dialler's target), or null to accept any
     * @param earlyMuxers    muxers to offer in the payload extensions (may be empty)
     */
    public NoiseHandshakeHandler(boolean initiator, NoiseIdentity identity, byte[] expectedPeerId,
                                 List<String> earlyMuxers, Duration timeout) {
        this(initiator, identity, RemoteIdentity::verify, expectedPeerId, earlyMuxers, timeout);
    }

    /** As above, with the given way of checking the remote's identity key (for key types beyond Ed25519). */
    public NoiseHandshakeHandler(boolean initiator, NoiseIdentity identity, RemoteKeyVerifier verifier,
                                 byte[] expectedPeerId, List<String> earlyMuxers, Duration timeout) {
        this.handshake = new NoiseXXHandshake(initiator, identity, earlyMuxers, verifier);
        this.expectedPeerId = expectedPeerId == null ? null : expectedPeerId.clone();
        this.timeout = timeout;
    }

    public CompletableFuture<NoiseSession> result() {
        return result;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        timer = ctx.executor().schedule(
            () -> fail(ctx, new NoiseException("Noise handshake timed out after " + timeout.toMillis() + " ms")),
            timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (handshake.isMyTurn()) {
            send(ctx);
        }
    }

    private void send(ChannelHandlerContext ctx) {
        byte[] msg = handshake.writeMessage();
        ByteBuf out = ctx.alloc().buffer(msg.length + 2);
        NoiseFrames.write(out, msg);
        ctx.writeAndFlush(out);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (result.isDone()) {
            return;
        }
        byte[] msg;
        while (!handshake.isComplete() && (msg = NoiseFrames.read(in)) != null) {
            handshake.readMessage(msg);
            if (handshake.remote() != null && expectedPeerId != null
                && !Arrays.equals(expectedPeerId, handshake.remote().peerId())) {
                throw new NoisePeerMismatchException("the remote peer proved a different identity than the dialled peer id");
            }
            if (handshake.isMyTurn()) {
                send(ctx);
            }
        }
        if (handshake.isComplete()) {
            finish(ctx);
        }
    }

    private void finish(ChannelHandlerContext ctx) {
        cancelTimer();
        NoiseCipherState[] ciphers = handshake.transportCiphers();
        ctx.pipeline().addAfter(ctx.name(), TRANSPORT_HANDLER_NAME, new NoiseTransportCodec(ciphers[0], ciphers[1]));
        result.complete(new NoiseSession(handshake.remote(), handshake.remoteMuxers()));
        // Leaving the pipeline hands bytes that followed the handshake to the transport codec.
        if (!ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        cancelTimer();
        if (result.completeExceptionally(cause)) {
            ctx.close();
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (result.isDone()) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        fail(ctx, root instanceof NoiseException ? root : new NoiseException("Noise handshake failed: " + root, root));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, new NoiseException("connection closed during the Noise handshake"));
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelTimer();
    }
}
