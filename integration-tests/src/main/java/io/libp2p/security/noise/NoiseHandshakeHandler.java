package io.libp2p.security.noise;

import io.libp2p.etc.HandshakeDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the libp2p Noise XX handshake on a channel, then puts a {@link NoiseTransportCodec} in its
 * place. The session future completes on the event loop while the codec is already in the pipeline
 * (so dependents can add handlers behind it) and before bytes received after the handshake are
 * passed on. Any failure (bad message, bad signature, wrong peer id, timeout, disconnect) fails the
 * future and closes the channel.
 */
public final class NoiseHandshakeHandler extends HandshakeDecoder<NoiseSession> {
    public static final String TRANSPORT_HANDLER_NAME = "noise-transport";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final NoiseXXHandshake handshake;
    private final byte[] expectedPeerId;

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
        super(timeout);
        this.handshake = new NoiseXXHandshake(initiator, identity, earlyMuxers, verifier);
        this.expectedPeerId = expectedPeerId == null ? null : expectedPeerId.clone();
    }

    @Override
    protected void begin(ChannelHandlerContext ctx) {
        if (handshake.isMyTurn()) {
            send(ctx);
        }
    }

    @Override
    protected Throwable timedOut(long millis) {
        return new NoiseException("Noise handshake timed out after " + millis + " ms");
    }

    @Override
    protected Throwable closedEarly() {
        return new NoiseException("connection closed during the Noise handshake");
    }

    @Override
    protected Throwable failure(Throwable cause) {
        return cause instanceof NoiseException ? cause : new NoiseException("Noise handshake failed: " + cause, cause);
    }

    private void send(ChannelHandlerContext ctx) {
        byte[] msg = handshake.writeMessage();
        ByteBuf out = ctx.alloc().buffer(msg.length + 2);
        NoiseFrames.write(out, msg);
        ctx.writeAndFlush(out);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (isDone()) {
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
        NoiseCipherState[] ciphers = handshake.transportCiphers();
        ctx.pipeline().addAfter(ctx.name(), TRANSPORT_HANDLER_NAME, new NoiseTransportCodec(ciphers[0], ciphers[1]));
        // Leaving the pipeline then hands bytes that followed the handshake to the transport codec.
        succeed(ctx, new NoiseSession(handshake.remote(), handshake.remoteMuxers()));
    }
}
