package io.libp2p.security.tls;

import io.libp2p.core.PeerId;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The trust decision of one libp2p TLS handshake (TLS over TCP or QUIC): trusts exactly a remote whose
 * certificate passes {@link Libp2pCertificateVerifier} and, when a peer id was dialled, proves that
 * peer id. Holds the verified remote afterwards ({@link #getRemotePeer()}), so use one per connection.
 *
 * <p>An {@link X509ExtendedTrustManager}, so that the JDK adds no host-name or PKIX checks of its own
 * (a libp2p certificate is self-signed and names no host). Loading it installs
 * {@link EmptyIssuerCertificateProvider}, without which the JDK rejects js-libp2p's certificates.
 */
public class Libp2pTrustManager extends X509ExtendedTrustManager {
    static {
        // js-libp2p's certificates have an empty issuer, which the JDK alone cannot even parse
        EmptyIssuerCertificateProvider.install();
    }

    private final Optional<PeerId> expectedRemotePeer;
    private volatile VerifiedPeer remotePeer;

    /** @param expectedRemotePeer the peer id the remote must prove (a dialler's target), or empty for any */
    public Libp2pTrustManager(Optional<PeerId> expectedRemotePeer) {
        this.expectedRemotePeer = expectedRemotePeer;
    }

    public Optional<PeerId> getExpectedRemotePeer() {
        return expectedRemotePeer;
    }

    /** The remote the certificate proved, or null before (or without) a successful check. */
    public VerifiedPeer getRemotePeer() {
        return remotePeer;
    }

    /** Verifies {@code chain} as the remote's and remembers it; what every check* method does. */
    public VerifiedPeer check(X509Certificate[] chain) throws Libp2pCertificateException {
        VerifiedPeer peer = Libp2pCertificateVerifier.verify(chain);
        if (expectedRemotePeer.isPresent() && !expectedRemotePeer.get().equals(peer.peerId())) {
            throw new Libp2pCertificateException("the remote certificate proves peer id " + peer.peerId()
                + ", not the dialled peer id " + expectedRemotePeer.get());
        }
        remotePeer = peer;
        return peer;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws Libp2pCertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws Libp2pCertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws Libp2pCertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws Libp2pCertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws Libp2pCertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws Libp2pCertificateException {
        check(chain);
    }

    /** No CA: certificates are self-signed and trusted by their libp2p extension alone. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
