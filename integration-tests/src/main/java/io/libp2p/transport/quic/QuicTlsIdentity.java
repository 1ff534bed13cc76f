package io.libp2p.transport.quic;

import io.libp2p.core.Libp2pException;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.security.tls.Libp2pCertificate;
import io.libp2p.security.tls.Libp2pCertificateException;
import io.libp2p.security.tls.Libp2pCertificateVerifier;
import io.libp2p.security.tls.Libp2pKeyManager;
import io.libp2p.security.tls.Libp2pTrustManager;
import io.libp2p.security.tls.VerifiedPeer;
import io.netty.handler.codec.quic.BoringSSLContextOption;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.ClientAuth;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * This host's side of the libp2p TLS handshake inside QUIC (BoringSSL, not the JDK's TLS): one
 * libp2p certificate per transport, presented by {@link Libp2pKeyManager} on both sides, ALPN
 * {@code libp2p}, client certificates required, and the remote proved by the certificate it presented.
 */
final class QuicTlsIdentity {
    static final String ALPN = "libp2p";
    /** BoringSSL offers no Ed25519 unless asked to; the ECDSA and RSA-PSS schemes are what other libp2p stacks use. */
    private static final String[] SIGNATURE_ALGORITHMS = {"ed25519", "ecdsa_secp256r1_sha256",
        "ecdsa_secp384r1_sha384", "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512"};
    /** BoringSSL asks the key manager by cipher-suite key types (RSA, EC), even in TLS 1.3. */
    private static final String[] AUTH_METHODS = {"RSA", "DHE_RSA", "ECDHE_RSA", "ECDHE_ECDSA", "ECDH_RSA",
        "ECDH_ECDSA", "DH_RSA"};

    private final PrivKey localKey;
    private final Libp2pCertificate.KeyType keyType;
    private volatile Libp2pKeyManager keyManager;

    QuicTlsIdentity(PrivKey localKey, String certAlgorithm) {
        this.localKey = localKey;
        this.keyType = Libp2pCertificate.KeyType.of(certAlgorithm);
    }

    /** Made on first use and kept: a certificate costs a key pair and two signatures. */
    private Libp2pKeyManager keyManager() {
        Libp2pKeyManager km = keyManager;
        if (km == null) {
            synchronized (this) {
                km = keyManager;
                if (km == null) {
                    km = new Libp2pKeyManager(Libp2pCertificate.generate(localKey, keyType));
                    keyManager = km;
                }
            }
        }
        return km;
    }

    QuicSslContext sslContext(boolean isClient, Libp2pTrustManager trustManager) {
        Libp2pKeyManager km = keyManager();
        // the key type the JDK names this certificate's key by, so that Libp2pKeyManager answers BoringSSL's requests
        String keyTypeName = keyType == Libp2pCertificate.KeyType.Ed25519 ? "EdDSA" : "EC";
        QuicSslContextBuilder b;
        if (isClient) {
            b = QuicSslContextBuilder.forClient()
                    .keyManager(km, null)
                    .endpointIdentificationAlgorithm(null) // a libp2p certificate names no host
                    .option(BoringSSLContextOption.CLIENT_KEY_TYPES, Set.of(keyTypeName));
        } else {
            Map<String, String> serverKeyTypes = new java.util.HashMap<>();
            for (String m : AUTH_METHODS) {
                serverKeyTypes.put(m, keyTypeName);
            }
            b = QuicSslContextBuilder.forServer(km, null)
                    .clientAuth(ClientAuth.REQUIRE)
                    .option(BoringSSLContextOption.SERVER_KEY_TYPES, serverKeyTypes);
        }
        return b.trustManager(trustManager)
                .option(BoringSSLContextOption.SIGNATURE_ALGORITHMS, SIGNATURE_ALGORITHMS)
                .applicationProtocols(ALPN)
                .build();
    }

    /**
     * The secure session of a QUIC connection whose handshake finished: the remote's identity read
     * again from the certificate this connection's peer presented (a listener's trust manager serves
     * every connection, so its last remembered peer may be another's).
     */
    SecureChannel.Session session(QuicChannel quic, PeerId expected) {
        VerifiedPeer peer;
        try {
            Certificate[] certs = quic.sslEngine().getSession().getPeerCertificates();
            X509Certificate[] chain = new X509Certificate[certs.length];
            for (int i = 0; i < certs.length; i++) {
                chain[i] = (X509Certificate) certs[i];
            }
            peer = Libp2pCertificateVerifier.verify(chain);
        } catch (SSLPeerUnverifiedException | Libp2pCertificateException | ClassCastException e) {
            throw new Libp2pException("QUIC peer " + quic.remoteSocketAddress() + " presented no valid libp2p certificate: "
                    + e.getMessage());
        }
        if (expected != null && !expected.equals(peer.peerId())) {
            throw new Libp2pException("QUIC peer proves peer id " + peer.peerId() + ", not the dialled " + expected);
        }
        return new SecureChannel.Session(PeerId.fromPubKey(localKey.publicKey()), peer.peerId(), peer.publicKey(), null);
    }
}
