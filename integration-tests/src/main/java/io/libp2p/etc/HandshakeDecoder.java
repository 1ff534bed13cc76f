package io.libp2p.etc;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A handshake run by a decoder in a channel's pipeline (multistream-select, Noise): it starts once
 * the channel is active, fails if it is not over within its timeout, and closes the channel on any
 * failure. On success it leaves the pipeline, which hands bytes buffered behind the handshake to
 * the handlers after it. Everything runs on the channel's event loop.
 *
 * @param <T> what a successful handshake yields
 */
public abstract class HandshakeDecoder<T> extends ByteToMessageDecoder {
    private final Duration timeout;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private boolean started;
    private ScheduledFuture<?> timer;

    protected HandshakeDecoder(Duration timeout) {
        this.timeout = timeout;
    }

    /** Completes on the event loop, before this handler leaves the pipeline; fails with the handshake's error. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** Sends what this side says first, if anything; called once, when the channel is active. */
    protected abstract void begin(ChannelHandlerContext ctx);

    /** The error for a handshake not over after {@code millis}. */
    protected abstract Throwable timedOut(long millis);

    /** The error for a channel that closed before the handshake was over. */
    protected abstract Throwable closedEarly();

    /** The error to fail with for {@code cause} raised in the pipeline (unwrapped from Netty's DecoderException). */
    protected Throwable failure(Throwable cause) {
        return cause;
    }

    protected final boolean isDone() {
        return result.isDone();
    }

    /** Completes the handshake with {@code value}, then leaves the pipeline. */
    protected final void succeed(ChannelHandlerContext ctx, T value) {
        cancelTimer();
        result.complete(value);
        if (!ctx.isRemoved()) {
            ctx.pipeline().remove(this);
        }
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
            () -> fail(ctx, timedOut(timeout.toMillis())), timeout.toMillis(), TimeUnit.MILLISECONDS);
        begin(ctx);
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
        fail(ctx, failure(root));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, closedEarly());
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelTimer();
    }
}
