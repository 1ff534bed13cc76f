package io.libp2p.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crypto.pb.Crypto;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Libp2pCertificateTest {
    private static final PrivKey HOST = KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getFirst();
    private static final PeerId HOST_ID = PeerId.fromPubKey(HOST.publicKey());

    @ParameterizedTest
    @EnumSource(Libp2pCertificate.KeyType.class)
    void aGeneratedCertificateProvesTheHostKey(Libp2pCertificate.KeyType type) throws Exception {
        Libp2pCertificate c = Libp2pCertificate.generate(HOST, type);
        X509Certificate cert = c.certificate();

        VerifiedPeer peer = Libp2pCertificateVerifier.verify(new X509Certificate[] {cert});

        assertThat(peer.peerId()).isEqualTo(HOST_ID);
        assertThat(peer.publicKey()).isEqualTo(HOST.publicKey());
        assertThat(cert.getCriticalExtensionOIDs()).containsExactly(Libp2pCertificate.EXTENSION_OID);
        assertThat(cert.getNonCriticalExtensionOIDs()).isNullOrEmpty();
        assertThat(cert.getPublicKey()).isNotEqualTo(HOST.publicKey());
        assertThat(cert.getNotBefore()).isBefore(new Date());
        assertThat(cert.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3650)));
        assertThat(c.privateKey().getAlgorithm()).isEqualTo(cert.getPublicKey().getAlgorithm());
    }

    @Test
    void twoCertificatesOfOneHostUseDifferentCertificateKeys() {
        Libp2pCertificate a = Libp2pCertificate.generate(HOST, Libp2pCertificate.KeyType.ECDSA);
        Libp2pCertificate b = Libp2pCertificate.generate(HOST, Libp2pCertificate.KeyType.ECDSA);
        assertThat(a.certificate().getPublicKey()).isNotEqualTo(b.certificate().getPublicKey());
        assertThat(a.certificate().getSerialNumber()).isNotEqualTo(b.certificate().getSerialNumber());
    }

    @Test
    void algorithmNamesAreJvmLibp2ps() {
        assertThat(Libp2pCertificate.KeyType.of("ECDSA")).isEqualTo(Libp2pCertificate.KeyType.ECDSA);
        assertThat(Libp2pCertificate.KeyType.of("ed25519")).isEqualTo(Libp2pCertificate.KeyType.Ed25519);
        assertThatThrownBy(() -> Libp2pCertificate.KeyType.of("RSA")).hasMessageContaining("unsupported TLS certificate algorithm 'RSA'");
    }

    @Test
    void expiredAndNotYetValidCertificatesAreRejected() {
        X509Certificate cert = Libp2pCertificate.generate(HOST, Libp2pCertificate.KeyType.ECDSA).certificate();
        Date past = Date.from(Instant.now().minus(Duration.ofDays(1)));
        Date farFuture = Date.from(Instant.now().plus(Duration.ofDays(40000)));
        assertThatThrownBy(() -> Libp2pCertificateVerifier.verify(new X509Certificate[] {cert}, past))
            .isInstanceOf(Libp2pCertificateException.class).hasMessageContaining("not valid before");
        assertThatThrownBy(() -> Libp2pCertificateVerifier.verify(new X509Certificate[] {cert}, farFuture))
            .isInstanceOf(Libp2pCertificateException.class).hasMessageContaining("expired");
    }

    @Test
    void chainsOfOtherThanOneCertificateAreRejected() {
        X509Certificate cert = Libp2pCertificate.generate(HOST, Libp2pCertificate.KeyType.ECDSA).certificate();
        assertThatThrownBy(() -> Libp2pCertificateVerifier.verify(new X509Certificate[0]))
            .hasMessageContaining("no certificate");
        assertThatThrownBy(() -> Libp2pCertificateVerifier.verify(new X509Certificate[] {cert, cert}))
            .hasMessageContaining("2 certificates");
    }

    @Test
    void aCertificateWithoutTheExtensionIsRejected() throws Exception {
        X509Certificate cert = BadCertificates.build(null, false, null).certificate();
        assertThatThrownBy(() -> Libp2pCertificateVerifier.verify(new X509Certificate[] {cert}))
            .isInstanceOf(Libp2pCertificateException.class).hasMessageContaining("lacks the libp2p public key extension");
    }

    @Test
    void aSignatureByAnotherHostKeyIsRejected() throws Exception {
        PrivKey other = KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getFirst();
        // claims HOST's key, but the certificate key was signed by `other`
        X509Certificate cert = BadCertificates.build((spki) -> BadCertificates.signedKey(HOST.publicKey().bytes(),
            other.sign(Libp2pCertificate.signedData(spki))), true, null).certificate();
        assertThatThrownBy(() -> Libp2pCertificateVerifier.verify(new X509Certificate[] {cert}))
            .isInstanceOf(Libp2pCertificateException.class).hasMessageContaining("signature over the certificate key is invalid");
    }

    @Test
    void aMalformedExtensionIsRejected() throws Exception {
        X509Certificate cert = BadCertificates.build((spki) -> new DERSequence(new DEROctetString(new byte[] {1, 2, 3})), true, null).certificate();
        assertThatThrownBy(() -> Libp2pCertificateVerifier.verify(new X509Certificate[] {cert}))
            .isInstanceOf(Libp2pCertificateException.class).hasMessageContaining("not a SignedKey");
        X509Certificate garbageKey = BadCertificates.build((spki) -> BadCertificates.signedKey(new byte[] {9, 9, 9}, new byte[64]), true, null).certificate();
        assertThatThrownBy(() -> Libp2pCertificateVerifier.verify(new X509Certificate[] {garbageKey}))
            .isInstanceOf(Libp2pCertificateException.class).hasMessageContaining("host key is not usable");
    }

    @Test
    void anUnknownCriticalExtensionIsRejected() throws Exception {
        X509Certificate cert = BadCertificates.build((spki) -> BadCertificates.signedKey(HOST.publicKey().bytes(),
            HOST.sign(Libp2pCertificate.signedData(spki))), true, "1.2.3.4.5").certificate();
        assertThatThrownBy(() -> Libp2pCertificateVerifier.verify(new X509Certificate[] {cert}))
            .isInstanceOf(Libp2pCertificateException.class).hasMessageContaining("unknown critical extensions [1.2.3.4.5]");
    }

    @Test
    void theTrustManagerChecksTheDialledPeerIdAndRemembersTheRemote() throws Exception {
        X509Certificate[] chain = {Libp2pCertificate.generate(HOST, Libp2pCertificate.KeyType.Ed25519).certificate()};
        Libp2pTrustManager any = new Libp2pTrustManager(Optional.empty());
        assertThat(any.getRemotePeer()).isNull();
        any.checkClientTrusted(chain, "UNKNOWN");
        assertThat(any.getRemotePeer().peerId()).isEqualTo(HOST_ID);

        Libp2pTrustManager right = new Libp2pTrustManager(Optional.of(HOST_ID));
        right.checkServerTrusted(chain, "EC");
        assertThat(right.getRemotePeer().peerId()).isEqualTo(HOST_ID);

        PeerId someoneElse = PeerId.fromPubKey(KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getSecond());
        Libp2pTrustManager wrong = new Libp2pTrustManager(Optional.of(someoneElse));
        assertThatThrownBy(() -> wrong.checkServerTrusted(chain, "EC"))
            .isInstanceOf(Libp2pCertificateException.class)
            .hasMessageContaining("proves peer id " + HOST_ID).hasMessageContaining("not the dialled peer id " + someoneElse);
        assertThat(wrong.getRemotePeer()).isNull();
        assertThat(wrong.getAcceptedIssuers()).isEmpty();
    }

    @Test
    void theKeyManagerPresentsTheCertificateForItsKeyTypeOnly() {
        Libp2pCertificate ec = Libp2pCertificate.generate(HOST, Libp2pCertificate.KeyType.ECDSA);
        Libp2pKeyManager km = new Libp2pKeyManager(ec);
        assertThat(km.chooseEngineServerAlias("EC", null, null)).isEqualTo(Libp2pKeyManager.ALIAS);
        assertThat(km.chooseEngineServerAlias("RSA", null, null)).isNull();
        assertThat(km.chooseEngineClientAlias(new String[] {"RSA", "EC"}, null, null)).isEqualTo(Libp2pKeyManager.ALIAS);
        assertThat(km.getCertificateChain(Libp2pKeyManager.ALIAS)).containsExactly(ec.certificate());
        assertThat(km.getPrivateKey(Libp2pKeyManager.ALIAS)).isEqualTo(ec.privateKey());
        assertThat(km.getPrivateKey("other")).isNull();

        Libp2pKeyManager ed = new Libp2pKeyManager(Libp2pCertificate.generate(HOST, Libp2pCertificate.KeyType.Ed25519));
        assertThat(ed.chooseEngineServerAlias("EdDSA", null, null)).isEqualTo(Libp2pKeyManager.ALIAS);
        assertThat(ed.chooseEngineServerAlias("EC", null, null)).isNull();
    }
}
