package io.libp2p.security.tls;

import io.libp2p.core.crypto.PrivKey;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The self-signed X.509 certificate of the libp2p TLS handshake (libp2p specs, tls/tls.md), with the
 * private key of its fresh certificate key. The host key never signs the certificate: it signs
 * {@code "libp2p-tls-handshake:" + SubjectPublicKeyInfo} of the certificate key, and the host public key
 * (protobuf) and that signature travel as {@code SignedKey ::= SEQUENCE {publicKey OCTET STRING,
 * signature OCTET STRING}} in the extension {@value #EXTENSION_OID}, which is the certificate's first
 * and only extension (js-libp2p reads the first one) and marked critical as go and js-libp2p do.
 *
 * <p>Reused by TLS over TCP ({@link TlsSecureChannel}) and by the QUIC transport: {@link Libp2pKeyManager}
 * presents it, {@link Libp2pTrustManager} checks the remote's with {@link Libp2pCertificateVerifier}.
 * BouncyCastle only encodes; keys and signatures come from the JDK's providers (no provider is
 * registered globally).
 *
 * @param certificate the certificate to present
 * @param privateKey  the certificate key's private half (not the host key)
 */
public record Libp2pCertificate(X509Certificate certificate, PrivateKey privateKey) {
    /** The libp2p Public Key Extension, allocated by IANA to libp2p. */
    public static final String EXTENSION_OID = "1.3.6.1.4.1.53594.1.1";
    /** What the host key signs, followed by the certificate key's SubjectPublicKeyInfo. */
    public static final byte[] SIGNATURE_PREFIX = "libp2p-tls-handshake:".getBytes(StandardCharsets.US_ASCII);

    /** Valid from an hour ago (clock skew) for 100 years, as go and js-libp2p issue theirs. */
    static final Duration BACKDATE = Duration.ofHours(1);
    static final Duration VALIDITY = Duration.ofDays(36500);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The key type of the certificate key (not of the host key). */
    public enum KeyType {
        /** Ed25519: jvm-libp2p's default. */
        Ed25519("Ed25519", null, "Ed25519"),
        /** ECDSA on P-256 with SHA-256: what js- and go-libp2p use. */
        ECDSA("EC", "secp256r1", "SHA256withECDSA");

        private final String keyAlgorithm;
        private final String curve;
        private final String signatureAlgorithm;

        KeyType(String keyAlgorithm, String curve, String signatureAlgorithm) {
            this.keyAlgorithm = keyAlgorithm;
            this.curve = curve;
            this.signatureAlgorithm = signatureAlgorithm;
        }

        /** "Ed25519" or "ECDSA" (jvm-libp2p's certAlgorithm strings), case-insensitive. */
        public static KeyType of(String name) {
            for (KeyType t : values()) {
                if (t.name().equalsIgnoreCase(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unsupported TLS certificate algorithm '" + name + "' (Ed25519 or ECDSA)");
        }

        KeyPair generate() throws GeneralSecurityException {
            KeyPairGenerator g = KeyPairGenerator.getInstance(keyAlgorithm);
            if (curve != null) {
                g.initialize(new ECGenParameterSpec(curve), RANDOM);
            }
            return g.generateKeyPair();
        }
    }

    /** A new certificate on a fresh {@code keyType} key, carrying {@code hostKey}'s public key. */
    public static Libp2pCertificate generate(PrivKey hostKey, KeyType keyType) {
        try {
            KeyPair certKey = keyType.generate();
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(certKey.getPublic().getEncoded());
            byte[] signature = hostKey.sign(signedData(certKey.getPublic().getEncoded()));
            DERSequence signedKey = new DERSequence(new ASN1Encodable[] {
                new DEROctetString(hostKey.publicKey().bytes()), new DEROctetString(signature)});

            BigInteger serial = new BigInteger(63, RANDOM).add(BigInteger.ONE);
            X500Name name = new X500Name("SERIALNUMBER=" + serial);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(name, serial,
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), name, spki);
            builder.addExtension(new ASN1ObjectIdentifier(EXTENSION_OID), true, signedKey);
            X509CertificateHolder holder = builder.build(
                new JcaContentSignerBuilder(keyType.signatureAlgorithm).build(certKey.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return new Libp2pCertificate(cert, certKey.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("could not create the libp2p TLS certificate: " + e.getMessage(), e);
        }
    }

    /** {@code "libp2p-tls-handshake:" + spki}: the bytes the host key signs. */
    static byte[] signedData(byte[] subjectPublicKeyInfo) {
        byte[] out = new byte[SIGNATURE_PREFIX.length + subjectPublicKeyInfo.length];
        System.arraycopy(SIGNATURE_PREFIX, 0, out, 0, SIGNATURE_PREFIX.length);
        System.arraycopy(subjectPublicKeyInfo, 0, out, SIGNATURE_PREFIX.length, subjectPublicKeyInfo.length);
        return out;
    }
}
