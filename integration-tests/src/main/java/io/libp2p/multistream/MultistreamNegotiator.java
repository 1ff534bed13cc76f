package io.libp2p.multistream;

import io.libp2p.etc.HandshakeDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One multistream-select 1.0.0 negotiation on a channel. The initiator proposes its protocols in
 * order until the responder echoes one; the responder answers {@code na} to what it does not
 * support and lists what it does on {@code ls}.
 *
 * <p>The result future ({@link ProtocolNegotiationException} or the channel's error on failure)
 * completes on the event loop, before this handler leaves the pipeline, so a dependent stage
 * registered beforehand can add the next handlers; bytes that arrived after the negotiation are
 * then passed on to them. On failure the channel is closed.
 */
public final class MultistreamNegotiator extends HandshakeDecoder<String> {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final boolean initiator;
    private final List<String> proposals;
    private final Predicate<String> supported;
    private final List<String> announced;

    private boolean headerReceived;
    private int proposal;

    private MultistreamNegotiator(boolean initiator, List<String> proposals, Predicate<String> supported,
                                  List<String> announced, Duration timeout) {
        super(timeout);
        this.initiator = initiator;
        this.proposals = proposals;
        this.supported = supported;
        this.announced = announced;
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

    @Override
    protected void begin(ChannelHandlerContext ctx) {
        ctx.write(MultistreamCodec.encode(ctx.alloc(), MultistreamCodec.HEADER));
        if (initiator) {
            // Pipelined with the header, as other implementations do, to save a round trip.
            ctx.write(MultistreamCodec.encode(ctx.alloc(), proposals.get(0)));
        }
        ctx.flush();
    }

    @Override
    protected Throwable timedOut(long millis) {
        return new ProtocolNegotiationException("multistream negotiation timed out after " + millis + " ms");
    }

    @Override
    protected Throwable closedEarly() {
        return new ProtocolNegotiationException("connection closed during multistream negotiation");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (isDone()) {
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
}
