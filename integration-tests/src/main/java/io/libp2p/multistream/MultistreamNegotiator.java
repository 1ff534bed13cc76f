package io.libp2p.multistream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One multistream-select 1.0.0 negotiation on a channel. The initiator proposes its protocols in
 * order until the responder echoes one; the responder answers {@code na} to what it does not
 * support and lists what it does on {@code ls}.
 *
 * <p>The result future completes on the event loop, before this handler leaves the pipeline, so a
 * dependent stage registered beforehand can add the next handlers; bytes that arrived after the
 * negotiation are then passed on to them. On failure the channel is closed.
 */
public final class MultistreamNegotiator extends ByteToMessageDecoder {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final boolean initiator;
    private final List<String> proposals;
    private final Predicate<String> supported;
    private final List<String> announced;
    private final Duration timeout;
    private final CompletableFuture<String> result = new CompletableFuture<>();

    private boolean started;
    private boolean headerReceived;
    private int proposal;
    private ScheduledFuture<?> timer;

    private MultistreamNegotiator(boolean initiator, List<String> proposals, Predicate<String> supported,
                                  List<String> announced, Duration timeout) {
        this.initiator = initiator;
        this.proposals = proposals;
        this.supported = supported;
        this.announced = announced;
        this.timeout = timeout;
    }

    /** Proposes {@code protocols} in order of preference. */
    public static MultistreamNegotiator initiator(List<String> protocols, Duration timeout) {
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("an initiator needs at least one protocol to propose");
        }
        return new MultistreamNegotiator(true, List.copyOf(protocols), p -> false, List.of(), timeout);
    }

    /** Accepts the first proposal that {@code supported} matches; {@code announced} answers {@code ls}. */
    public static MultistreamNegotiator responder(Predicate<String> supported, List<String> announced, Duration timeout) {
        return new MultistreamNegotiator(false, List.of(), supported, List.copyOf(announced), timeout);
    }

    public static MultistreamNegotiator responder(List<String> protocols, Duration timeout) {
        List<String> copy = List.copyOf(protocols);
        return responder(copy::contains, copy, timeout);
    }

    /** The negotiated protocol id; fails with {@link ProtocolNegotiationException} or the channel's error. */
    public CompletableFuture<String> result() {
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
        ctx.write(MultistreamCodec.encode(ctx.alloc(), MultistreamCodec.HEADER));
        if (initiator) {
            // Pipelined with the header, as other implementations do, to save a round trip.
            ctx.write(MultistreamCodec.encode(ctx.alloc(), proposals.get(0)));
        }
        ctx.flush();
        timer = ctx.executor().schedule(
            () -> fail(ctx, new ProtocolNegotiationException("multistream negotiation timed out after " + timeout.toMillis() + " ms")),
            timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (result.isDone()) {
            return;
        }
        String msg;
        while ((msg = MultistreamCodec.readMessage(in)) != null) {
            if (!headerReceived) {
                if (!MultistreamCodec.HEADER.equals(msg)) {
                    throw new ProtocolNegotiationException("expected " + MultistreamCodec.HEADER + " but got " + MultistreamCodec.describe(msg));
                }
                headerReceived = true;
            } else if (initiator ? onResponse(ctx, msg) : onProposal(ctx, msg)) {
                return;
            }
        }
    }

    /** Returns true once negotiation is over. */
    private boolean onResponse(ChannelHandlerContext ctx, String msg) {
        String proposed = proposals.get(proposal);
        if (msg.equals(proposed)) {
            succeed(ctx, proposed);
            return true;
        }
        if (!MultistreamCodec.NA.equals(msg)) {
            throw new ProtocolNegotiationException("proposed " + MultistreamCodec.describe(proposed) + " but the responder answered " + MultistreamCodec.describe(msg));
        }
        proposal++;
        if (proposal >= proposals.size()) {
            throw new ProtocolNegotiationException("the remote peer supports none of " + proposals);
        }
        ctx.writeAndFlush(MultistreamCodec.encode(ctx.alloc(), proposals.get(proposal)));
        return false;
    }

    private boolean onProposal(ChannelHandlerContext ctx, String msg) {
        if (MultistreamCodec.LS.equals(msg)) {
            ctx.writeAndFlush(MultistreamCodec.encodeList(ctx.alloc(), announced));
            return false;
        }
        if (msg.length() <= MultistreamCodec.MAX_PROTOCOL_ID_LENGTH && supported.test(msg)) {
            ctx.writeAndFlush(MultistreamCodec.encode(ctx.alloc(), msg));
            succeed(ctx, msg);
            return true;
        }
        ctx.writeAndFlush(MultistreamCodec.encode(ctx.alloc(), MultistreamCodec.NA));
        return false;
    }

    private void succeed(ChannelHandlerContext ctx, String protocol) {
        cancelTimer();
        result.complete(protocol);
        // Leaving the pipeline hands any bytes already buffered behind the negotiation to the next handler.
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
        Throwable root = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        fail(ctx, root);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, new ProtocolNegotiationException("connection closed during multistream negotiation"));
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelTimer();
    }
}
