package io.libp2p.security.noise;

import crypto.pb.Crypto;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.crypto.PubKey;
import io.libp2p.core.multistream.ProtocolDescriptor;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.etc.AttributesKt;
import io.libp2p.transport.implementation.P2PChannelOverNetty;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /noise} for the host: the libp2p Noise XX handshake with the host's identity key. A dialled
 * peer id (the channel's {@code REMOTE_PEER_ID} attribute) must match the key the remote proves.
 * Early muxer negotiation is not offered, so the session's early muxer is always null and
 * multistream-select picks the muxer afterwards.
 */
public class NoiseXXSecureChannel implements SecureChannel {
    public static final String PROTOCOL_ID = "/noise";

    private final PrivKey localKey;
    private final PeerId localPeerId;
    private final Duration timeout;

    public NoiseXXSecureChannel(PrivKey localKey, List<? extends StreamMuxer> muxers) {
        this(localKey, muxers, NoiseHandshakeHandler.DEFAULT_TIMEOUT);
    }

    public NoiseXXSecureChannel(PrivKey localKey) {
        this(localKey, List.of());
    }

    public NoiseXXSecureChannel(PrivKey localKey, List<? extends StreamMuxer> muxers, Duration timeout) {
        this.localKey = localKey;
        this.localPeerId = PeerId.fromPubKey(localKey.publicKey());
        this.timeout = timeout;
    }

    @Override
    public ProtocolDescriptor getProtocolDescriptor() {
        return new ProtocolDescriptor(PROTOCOL_ID);
    }

    @Override
    public CompletableFuture<SecureChannel.Session> initChannel(P2PChannel ch, String selectedProtocol) {
        Channel netty = ((P2PChannelOverNetty) ch).getNettyChannel();
        PeerId expected = netty.attr(AttributesKt.getREMOTE_PEER_ID()).get();
        NoiseHandshakeHandler handshake = new NoiseHandshakeHandler(ch.isInitiator(), identity(), this::verify,
            expected == null ? null : expected.getBytes(), List.of(), timeout);
        // thenApply runs on the event loop as the handshake completes, before post-handshake bytes move on
        CompletableFuture<SecureChannel.Session> session = handshake.result().thenApply(s -> new SecureChannel.Session(
            localPeerId, new PeerId(s.remote().peerId()), KeyKt.unmarshalPublicKey(s.remote().publicKeyProtobuf()), null));
        ch.pushHandler(handshake);
        return session;
    }

    private NoiseIdentity identity() {
        byte[] publicKey = localKey.publicKey().bytes();
        return new NoiseIdentity() {
            @Override
            public byte[] publicKeyProtobuf() {
                return publicKey.clone();
            }

            @Override
            public byte[] sign(byte[] data) {
                return localKey.sign(data);
            }
        };
    }

    /** Uses the host's key types, so any type the host can decode (Ed25519, optionally secp256k1) is accepted. */
    private RemoteIdentity verify(byte[] keyProtobuf, byte[] data, byte[] signature) {
        PubKey key;
        try {
            key = KeyKt.unmarshalPublicKey(keyProtobuf);
        } catch (RuntimeException e) {
            throw new NoiseException("remote identity key is not usable: " + e.getMessage(), e);
        }
        boolean ok;
        try {
            ok = key.verify(data, signature);
        } catch (RuntimeException e) {
            throw new NoiseException("remote identity signature could not be checked: " + e.getMessage(), e);
        }
        if (!ok) {
            throw new NoiseException("remote identity signature over the Noise static key is invalid");
        }
        Crypto.KeyType type = key.getKeyType();
        return new RemoteIdentity(keyProtobuf, type, PeerId.fromPubKey(key).getBytes());
    }

    @Override
    public String toString() {
        return "NoiseXXSecureChannel[" + localPeerId + "]";
    }
}
