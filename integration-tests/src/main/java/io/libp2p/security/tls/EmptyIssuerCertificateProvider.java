package io.libp2p.security.tls;

import java.security.Provider;
import java.security.Security;

/**
 * Lets the JDK's TLS engine read libp2p certificates with an empty issuer name. js-libp2p (and other
 * libp2p stacks) issue their self-signed certificates with empty issuer and subject names, which the
 * JDK's X.509 parser refuses ("Empty issuer DN not allowed in X509Certificates") before any trust
 * manager is asked, so no Java TLS handshake with them could start. This provider, installed first,
 * offers only {@code CertificateFactory.X.509}: {@link EmptyIssuerCertificateFactory} parses with the
 * JDK as before and falls back to BouncyCastle for exactly those certificates. Every other algorithm and
 * every other certificate stays with the JDK's providers.
 *
 * <p>Installed by {@link Libp2pTrustManager} (so by TLS over TCP and by QUIC); idempotent.
 */
public final class EmptyIssuerCertificateProvider extends Provider {
    public static final String NAME = "Libp2pEmptyIssuerX509";
    private static final long serialVersionUID = 1L;

    private EmptyIssuerCertificateProvider() {
        super(NAME, "1.0", "X.509 certificate factory accepting libp2p certificates with an empty issuer name");
        put("CertificateFactory.X.509", EmptyIssuerCertificateFactory.class.getName());
        put("Alg.Alias.CertificateFactory.X509", "X.509");
    }

    /** Puts the provider first in the JVM's list, once. */
    public static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new EmptyIssuerCertificateProvider(), 1);
        }
    }
}
