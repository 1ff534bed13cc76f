package io.libp2p.security.tls;

import io.libp2p.core.P2PChannel;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.PrivKey;
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
 * {@code /tls/1.0.0} for the host (libp2p specs, tls/tls.md): TLS 1.3 with mutual authentication by
 * self-signed {@link Libp2pCertificate libp2p certificates}, each side's peer id verified from the
 * remote's certificate (and, when dialling, against the dialled peer id), and the muxer agreed inside
 * the handshake by ALPN, which becomes {@link SecureChannel.Session#getEarlyMuxer()}; without a common
 * muxer the early muxer is null and multistream-select picks one afterwards.
 *
 * <p>The certificate key is {@code Ed25519} by default (as in jvm-libp2p) or ECDSA P-256 ({@link #ECDSA});
 * one certificate per channel instance, made by the constructor, serves every connection, as the spec allows.
 */
public final class TlsSecureChannel implements SecureChannel {
    public static final String announce = "/tls/1.0.0";
    /** jvm-libp2p's Kotlin companion, for Java callers written against it. */
    public static final Companion Companion = new Companion();

    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final PeerId localPeerId;
    private final AlpnMuxers alpn;
    private final Libp2pCertificate.KeyType certAlgorithm;
    private final Libp2pCertificate certificate;

    /**
     * @param certAlgorithm the certificate key type, "Ed25519" or "ECDSA" (not the host key's type)
     */
    public TlsSecureChannel(PrivKey localKey, List<? extends StreamMuxer> muxers, String certAlgorithm) {
        this.localPeerId = PeerId.fromPubKey(localKey.publicKey());
        this.alpn = new AlpnMuxers(muxers);
        this.certAlgorithm = Libp2pCertificate.KeyType.of(certAlgorithm);
        // made here, not on the event loop of the first connection
        this.certificate = Libp2pCertificate.generate(localKey, this.certAlgorithm);
    }

    public TlsSecureChannel(PrivKey localKey, List<? extends StreamMuxer> muxers) {
        this(localKey, muxers, Libp2pCertificate.KeyType.Ed25519.name());
    }

    /** With an ECDSA P-256 certificate key, for {@code HostBuilder.secureChannel(TlsSecureChannel::ECDSA)}. */
    public static TlsSecureChannel ECDSA(PrivKey localKey, List<? extends StreamMuxer> muxers) {
        return new TlsSecureChannel(localKey, muxers, Libp2pCertificate.KeyType.ECDSA.name());
    }

    @Override
    public ProtocolDescriptor getProtocolDescriptor() {
        return new ProtocolDescriptor(announce);
    }

    public final CompletableFuture<SecureChannel.Session> initChannel(P2PChannel ch) {
        return initChannel(ch, announce);
    }

    @Override
    public CompletableFuture<SecureChannel.Session> initChannel(P2PChannel ch, String selectedProtocol) {
        Channel netty = ((P2PChannelOverNetty) ch).getNettyChannel();
        PeerId expected = ch.isInitiator() ? netty.attr(AttributesKt.getREMOTE_PEER_ID()).get() : null;
        return new TlsHandshake(ch.isInitiator(), certificate, expected, alpn).run(netty, localPeerId, HANDSHAKE_TIMEOUT);
    }

    @Override
    public String toString() {
        return "TlsSecureChannel[" + localPeerId + ", " + certAlgorithm + "]";
    }

    /** The static factories as instance methods, as Kotlin's companion object has them. */
    public static final class Companion {
        private Companion() {
        }

        public TlsSecureChannel ECDSA(PrivKey localKey, List<? extends StreamMuxer> muxers) {
            return TlsSecureChannel.ECDSA(localKey, muxers);
        }
    }
}
