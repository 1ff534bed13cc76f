package io.libp2p.security.noise;

import crypto.pb.Crypto;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.crypto.PubKey;
import io.libp2p.core.multistream.NegotiatedProtocol;
import io.libp2p.core.multistream.ProtocolDescriptor;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.etc.AttributesKt;
import io.libp2p.transport.implementation.P2PChannelOverNetty;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /noise} for the host: the libp2p Noise XX handshake with the host's identity key. A dialled
 * peer id (the channel's {@code REMOTE_PEER_ID} attribute) must match the key the remote proves.
 *
 * <p>Early muxer negotiation (jvm-libp2p 1.x and js-libp2p do it) is opt-in here, through
 * {@link #withEarlyMuxers}: the host's muxers are announced in the payload extensions; when both
 * sides announce, the muxer is the first of the initiator's list that the responder also lists, and it becomes the session's early
 * muxer (no multistream round for the muxer). Without a common one, or when either side announces
 * none, the early muxer is null and multistream-select picks the muxer afterwards.
 */
public class NoiseXXSecureChannel implements SecureChannel {
    public static final String PROTOCOL_ID = "/noise";

    private final PrivKey localKey;
    private final List<StreamMuxer> muxers;
    private final PeerId localPeerId;
    private final Duration timeout;

    /**
     * Without early muxer negotiation: multistream-select picks the muxer after the handshake. (Off by
     * default for now: with it on, the agent's IsolationIT intermittently catches an event-loop thread
     * waiting on an agent lock during the faster connection set-up.)
     */
    public NoiseXXSecureChannel(PrivKey localKey, List<? extends StreamMuxer> muxers) {
        this(localKey, muxers, false, NoiseHandshakeHandler.DEFAULT_TIMEOUT);
    }

    public NoiseXXSecureChannel(PrivKey localKey) {
        this(localKey, List.of());
    }

    /**
     * @param earlyMuxers announce {@code muxers} in the handshake and agree on one there when the
     *                    remote announces too
     */
    public NoiseXXSecureChannel(PrivKey localKey, List<? extends StreamMuxer> muxers, boolean earlyMuxers, Duration timeout) {
        this.localKey = localKey;
        this.muxers = earlyMuxers ? List.copyOf(muxers) : List.of();
        this.localPeerId = PeerId.fromPubKey(localKey.publicKey());
        this.timeout = timeout;
    }

    /** For {@code HostBuilder.secureChannel(NoiseXXSecureChannel::withEarlyMuxers)}. */
    public static NoiseXXSecureChannel withEarlyMuxers(PrivKey localKey, List<StreamMuxer> muxers) {
        return new NoiseXXSecureChannel(localKey, muxers, true, NoiseHandshakeHandler.DEFAULT_TIMEOUT);
    }

    /** Same as the two-argument constructor, named for builders that want to say so. */
    public static NoiseXXSecureChannel withoutEarlyMuxers(PrivKey localKey, List<StreamMuxer> muxers) {
        return new NoiseXXSecureChannel(localKey, muxers, false, NoiseHandshakeHandler.DEFAULT_TIMEOUT);
    }

    @Override
    public ProtocolDescriptor getProtocolDescriptor() {
        return new ProtocolDescriptor(PROTOCOL_ID);
    }

    @Override
    public CompletableFuture<SecureChannel.Session> initChannel(P2PChannel ch, String selectedProtocol) {
        Channel netty = ((P2PChannelOverNetty) ch).getNettyChannel();
        PeerId expected = netty.attr(AttributesKt.getREMOTE_PEER_ID()).get();
        List<String> announced = announcedMuxers();
        NoiseHandshakeHandler handshake = new NoiseHandshakeHandler(ch.isInitiator(), identity(), this::verify,
            expected == null ? null : expected.getBytes(), announced, timeout);
        // thenApply runs on the event loop as the handshake completes, before post-handshake bytes move on
        CompletableFuture<SecureChannel.Session> session = handshake.result().thenApply(s -> new SecureChannel.Session(
            localPeerId, new PeerId(s.remote().peerId()), KeyKt.unmarshalPublicKey(s.remote().publicKeyProtobuf()),
            earlyMuxer(ch.isInitiator(), announced, s.remoteEarlyMuxers())));
        ch.pushHandler(handshake);
        return session;
    }

    private List<String> announcedMuxers() {
        List<String> ids = new ArrayList<>();
        for (StreamMuxer m : muxers) {
            ids.addAll(m.getProtocolDescriptor().getAnnounceProtocols());
        }
        return ids;
    }

    private NegotiatedProtocol<StreamMuxer.Session, StreamMuxer> earlyMuxer(boolean initiator, List<String> ours, List<String> theirs) {
        if (ours.isEmpty() || theirs.isEmpty()) {
            return null;
        }
        List<String> initiatorList = initiator ? ours : theirs;
        List<String> responderList = initiator ? theirs : ours;
        for (String id : initiatorList) {
            if (responderList.contains(id)) {
                for (StreamMuxer m : muxers) {
                    if (m.getProtocolDescriptor().getAnnounceProtocols().contains(id)) {
                        return new NegotiatedProtocol<>(m, id);
                    }
                }
            }
        }
        return null;
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
