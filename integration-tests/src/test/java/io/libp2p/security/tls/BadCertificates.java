package io.libp2p.security.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates (with their keys) that break one libp2p TLS rule each, built with BouncyCastle directly. */
final class BadCertificates {
    private BadCertificates() {
    }

    interface Extension {
        ASN1Encodable value(byte[] spki) throws Exception;
    }

    static DERSequence signedKey(byte[] key, byte[] sig) {
        return new DERSequence(new ASN1Encodable[] {new DEROctetString(key), new DEROctetString(sig)});
    }

    /** An ECDSA P-256 certificate with {@code libp2p} as its libp2p extension (none when null). */
    static Libp2pCertificate build(Extension libp2p, boolean critical, String extraCriticalOid) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=test");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, BigInteger.TEN,
            Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(3600)), name,
            SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
        if (libp2p != null) {
            b.addExtension(new ASN1ObjectIdentifier(Libp2pCertificate.EXTENSION_OID), critical,
                libp2p.value(kp.getPublic().getEncoded()));
        }
        if (extraCriticalOid != null) {
            b.addExtension(new ASN1ObjectIdentifier(extraCriticalOid), true, new DEROctetString(new byte[] {0}));
        }
        return new Libp2pCertificate(new JcaX509CertificateConverter().getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate()))), kp.getPrivate());
    }
}
