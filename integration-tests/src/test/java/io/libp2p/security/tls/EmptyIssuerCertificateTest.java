package io.libp2p.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crypto.pb.Crypto;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.wiretest.EmbeddedPair;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Certificates with empty issuer/subject names (js-libp2p's): the JDK alone refuses them, the provider reads them. */
class EmptyIssuerCertificateTest {
    private static final PrivKey JS = KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getFirst();
    private static final PrivKey JVM = KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getFirst();

    @Test
    void theJdkRefusesThemAndTheProviderReadsThem() throws Exception {
        Libp2pCertificate js = BadCertificates.emptyNames(JS);
        byte[] der = js.certificate().getEncoded();
        assertThatThrownBy(() -> CertificateFactory.getInstance("X.509", "SUN").generateCertificate(new ByteArrayInputStream(der)))
            .isInstanceOf(CertificateException.class).hasMessageContaining("Empty issuer DN");

        EmptyIssuerCertificateProvider.install();
        EmptyIssuerCertificateProvider.install(); // idempotent
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        assertThat(cert.getIssuerX500Principal().getName()).isEmpty();
        assertThat(cert.getPublicKey().getClass().getName()).startsWith("sun.");
        assertThat(Libp2pCertificateVerifier.verify(new X509Certificate[] {cert}).peerId()).isEqualTo(PeerId.fromPubKey(JS.publicKey()));

        // a certificate with names still comes from the JDK's own parser
        byte[] named = Libp2pCertificate.generate(JVM, Libp2pCertificate.KeyType.ECDSA).certificate().getEncoded();
        assertThat(CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(named)).getClass().getName())
            .startsWith("sun.security");
        // and garbage is still refused
        assertThatThrownBy(() -> CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(new byte[] {48, 3, 1, 1, 1})))
            .isInstanceOf(CertificateException.class);
    }

    @Test
    void aJdkTlsServerAcceptsAClientPresentingOne() throws Exception {
        EmbeddedPair pair = new EmbeddedPair();
        try {
            CompletableFuture<SecureChannel.Session> client = new TlsHandshake(true, BadCertificates.emptyNames(JS),
                PeerId.fromPubKey(JVM.publicKey()), new AlpnMuxers(List.of())).run(pair.a, PeerId.fromPubKey(JS.publicKey()), TlsSecureChannel.HANDSHAKE_TIMEOUT);
            CompletableFuture<SecureChannel.Session> server = new TlsHandshake(false,
                Libp2pCertificate.generate(JVM, Libp2pCertificate.KeyType.Ed25519), null, new AlpnMuxers(List.of()))
                .run(pair.b, PeerId.fromPubKey(JVM.publicKey()), TlsSecureChannel.HANDSHAKE_TIMEOUT);
            pair.pump();
            assertThat(server.join().getRemoteId()).isEqualTo(PeerId.fromPubKey(JS.publicKey()));
            assertThat(client.join().getRemoteId()).isEqualTo(PeerId.fromPubKey(JVM.publicKey()));
        } finally {
            pair.close();
        }
    }
}
