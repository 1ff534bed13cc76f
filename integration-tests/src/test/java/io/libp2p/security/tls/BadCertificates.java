package io.libp2p.security.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
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
        return build(new X500Name("CN=test"), libp2p, critical, extraCriticalOid);
    }

    /**
     * A valid libp2p certificate for {@code host} with empty issuer and subject names, as js-libp2p issues
     * them. BouncyCastle's generators refuse empty issuers, so the DER is assembled here by hand.
     */
    static Libp2pCertificate emptyNames(io.libp2p.core.crypto.PrivKey host) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair kp = g.generateKeyPair();
        byte[] spki = kp.getPublic().getEncoded();
        org.bouncycastle.asn1.x509.AlgorithmIdentifier ecdsaSha256 = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
            new ASN1ObjectIdentifier("1.2.840.10045.4.3.2"));
        org.bouncycastle.asn1.x509.Extension ext = new org.bouncycastle.asn1.x509.Extension(
            new ASN1ObjectIdentifier(Libp2pCertificate.EXTENSION_OID), true,
            new DEROctetString(signedKey(host.publicKey().bytes(), host.sign(Libp2pCertificate.signedData(spki)))));
        Instant now = Instant.now();
        DERSequence tbs = new DERSequence(new ASN1Encodable[] {
            new org.bouncycastle.asn1.DERTaggedObject(true, 0, new org.bouncycastle.asn1.ASN1Integer(2)),
            new org.bouncycastle.asn1.ASN1Integer(77),
            ecdsaSha256,
            new DERSequence(), // issuer: empty RDNSequence
            new DERSequence(new ASN1Encodable[] {
                new org.bouncycastle.asn1.x509.Time(Date.from(now.minusSeconds(3600))),
                new org.bouncycastle.asn1.x509.Time(Date.from(now.plusSeconds(3600)))}),
            new DERSequence(), // subject
            SubjectPublicKeyInfo.getInstance(spki),
            new org.bouncycastle.asn1.DERTaggedObject(true, 3, new DERSequence(ext))});
        java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSA");
        sig.initSign(kp.getPrivate());
        sig.update(tbs.getEncoded("DER"));
        byte[] der = new DERSequence(new ASN1Encodable[] {tbs, ecdsaSha256,
            new org.bouncycastle.asn1.DERBitString(sig.sign())}).getEncoded("DER");
        return new Libp2pCertificate(read(der), kp.getPrivate());
    }

    /** Through the JVM's X.509 factory, as the TLS engine reads a remote's certificate. */
    private static X509Certificate read(byte[] der) throws Exception {
        EmptyIssuerCertificateProvider.install();
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(der));
    }

    private static Libp2pCertificate build(X500Name name, Extension libp2p, boolean critical, String extraCriticalOid) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair kp = g.generateKeyPair();
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
        byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
        return new Libp2pCertificate(read(der), kp.getPrivate());
    }
}
