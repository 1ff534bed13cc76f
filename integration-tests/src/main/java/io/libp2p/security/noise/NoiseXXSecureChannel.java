package io.libp2p.security.noise;

import io.libp2p.core.P2PChannel;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.multistream.ProtocolDescriptor;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.etc.AttributesKt;
import io.libp2p.transport.implementation.P2PChannelOverNetty;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Host-side binding of /noise (written by the host integration, not the engine): adapts the
 * jvm-libp2p {@link SecureChannel} API to {@link NoiseHandshakeHandler}. The dialled peer id (the
 * channel's REMOTE_PEER_ID attribute) must be proved by the remote, else the handshake fails.
 * Early muxer negotiation is not offered, so the muxer is always negotiated by multistream.
 */
public class NoiseXXSecureChannel implements SecureChannel {
    public static final String PROTOCOL_ID = "/noise";

    private final PrivKey localKey;
    private volatile Duration handshakeTimeout = NoiseHandshakeHandler.DEFAULT_TIMEOUT;

    public NoiseXXSecureChannel(PrivKey localKey, List<StreamMuxer> muxerProtocols) {
        this.localKey = localKey;
    }

    public NoiseXXSecureChannel(PrivKey localKey) {
        this(localKey, List.of());
    }

    public void setHandshakeTimeout(Duration handshakeTimeout) {
        this.handshakeTimeout = handshakeTimeout;
    }

    @Override
    public ProtocolDescriptor getProtocolDescriptor() {
        return new ProtocolDescriptor(PROTOCOL_ID);
    }

    @Override
    public CompletableFuture<SecureChannel.Session> initChannel(P2PChannel ch, String selectedProtocol) {
        PeerId expected = ch instanceof P2PChannelOverNetty n
                ? n.getNettyChannel().attr(AttributesKt.getREMOTE_PEER_ID()).get() : null;
        NoiseIdentity identity = new NoiseIdentity() {
            @Override
            public byte[] publicKeyProtobuf() {
                return localKey.publicKey().bytes();
            }

            @Override
            public byte[] sign(byte[] data) {
                return localKey.sign(data);
            }
        };
        NoiseHandshakeHandler handshake = new NoiseHandshakeHandler(ch.isInitiator(), identity,
                expected == null ? null : expected.getBytes(), List.of(), handshakeTimeout);
        PeerId localId = PeerId.fromPubKey(localKey.publicKey());
        CompletableFuture<SecureChannel.Session> session = handshake.result().thenApply(ns -> new SecureChannel.Session(
                localId, new PeerId(ns.remote().peerId()), KeyKt.unmarshalPublicKey(ns.remote().publicKeyProtobuf()), null));
        ch.pushHandler(handshake);
        return session;
    }
}
