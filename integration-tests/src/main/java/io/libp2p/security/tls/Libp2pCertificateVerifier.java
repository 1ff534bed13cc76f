package io.libp2p.security.tls;

import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PubKey;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Checks a remote's certificate chain by the libp2p TLS rules and returns the identity it proves:
 * exactly one certificate, valid now, correctly self-signed with a hash of at least 256 bits, named EC
 * curves only, no critical extension besides the libp2p one, no unique ids, and the libp2p extension
 * whose host key signed {@code "libp2p-tls-handshake:" + SubjectPublicKeyInfo}. Every failure is a
 * {@link Libp2pCertificateException} that says which rule broke.
 */
public final class Libp2pCertificateVerifier {
    /** Bounds what is parsed from an untrusted extension (a protobuf host key is far smaller). */
    static final int MAX_EXTENSION_BYTES = 8192;

    private Libp2pCertificateVerifier() {
    }

    /** Verifies {@code chain} now. */
    public static VerifiedPeer verify(X509Certificate[] chain) throws Libp2pCertificateException {
        return verify(chain, new Date());
    }

    /** Verifies {@code chain} at {@code now}. */
    public static VerifiedPeer verify(X509Certificate[] chain, Date now) throws Libp2pCertificateException {
        if (chain == null || chain.length == 0) {
            throw new Libp2pCertificateException("the remote sent no certificate");
        }
        if (chain.length != 1) {
            throw new Libp2pCertificateException("the remote sent " + chain.length + " certificates, libp2p TLS allows exactly one");
        }
        X509Certificate cert = chain[0];
        try {
            cert.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw new Libp2pCertificateException("the remote certificate expired at " + cert.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new Libp2pCertificateException("the remote certificate is not valid before " + cert.getNotBefore().toInstant(), e);
        }
        checkAlgorithms(cert);
        try {
            cert.verify(cert.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Libp2pCertificateException("the remote certificate's self-signature is invalid (" + e.getMessage() + ")", e);
        }
        if (cert.getIssuerUniqueID() != null || cert.getSubjectUniqueID() != null) {
            throw new Libp2pCertificateException("the remote certificate carries the deprecated issuer/subject unique id");
        }
        Set<String> critical = cert.getCriticalExtensionOIDs() == null ? new HashSet<>() : new HashSet<>(cert.getCriticalExtensionOIDs());
        critical.remove(Libp2pCertificate.EXTENSION_OID);
        if (!critical.isEmpty()) {
            throw new Libp2pCertificateException("the remote certificate has unknown critical extensions " + critical);
        }
        return checkExtension(cert);
    }

    private static void checkAlgorithms(X509Certificate cert) throws Libp2pCertificateException {
        String sigAlg = cert.getSigAlgName() == null ? "" : cert.getSigAlgName().toUpperCase(Locale.ROOT);
        if (sigAlg.contains("MD5") || sigAlg.contains("SHA1") || sigAlg.startsWith("SHA224") || sigAlg.contains("SHA-1")) {
            throw new Libp2pCertificateException("the remote certificate is signed with " + cert.getSigAlgName()
                + ", a hash shorter than 256 bits");
        }
        SubjectPublicKeyInfo spki;
        try {
            spki = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded());
        } catch (RuntimeException e) {
            throw new Libp2pCertificateException("the remote certificate's public key cannot be parsed", e);
        }
        if ("1.2.840.10045.2.1".equals(spki.getAlgorithm().getAlgorithm().getId())
            && !(spki.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier)) {
            throw new Libp2pCertificateException("the remote certificate's EC key does not use a named curve");
        }
    }

    private static VerifiedPeer checkExtension(X509Certificate cert) throws Libp2pCertificateException {
        byte[] wrapped = cert.getExtensionValue(Libp2pCertificate.EXTENSION_OID);
        if (wrapped == null) {
            throw new Libp2pCertificateException("the remote certificate lacks the libp2p public key extension ("
                + Libp2pCertificate.EXTENSION_OID + ")");
        }
        if (wrapped.length > MAX_EXTENSION_BYTES) {
            throw new Libp2pCertificateException("the libp2p extension is " + wrapped.length + " bytes, more than "
                + MAX_EXTENSION_BYTES);
        }
        byte[] hostKeyBytes;
        byte[] signature;
        try {
            byte[] value = ASN1OctetString.getInstance(wrapped).getOctets();
            ASN1Sequence signedKey = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(value));
            if (signedKey.size() != 2) {
                throw new IllegalArgumentException("SignedKey has " + signedKey.size() + " fields, expected 2");
            }
            hostKeyBytes = ASN1OctetString.getInstance(signedKey.getObjectAt(0)).getOctets();
            signature = ASN1OctetString.getInstance(signedKey.getObjectAt(1)).getOctets();
        } catch (java.io.IOException | RuntimeException e) {
            throw new Libp2pCertificateException("the libp2p extension is not a SignedKey {OCTET STRING, OCTET STRING}: "
                + e.getMessage(), e);
        }
        PubKey hostKey;
        try {
            hostKey = KeyKt.unmarshalPublicKey(hostKeyBytes);
        } catch (RuntimeException e) {
            throw new Libp2pCertificateException("the libp2p extension's host key is not usable: " + e.getMessage(), e);
        }
        boolean ok;
        try {
            ok = hostKey.verify(Libp2pCertificate.signedData(cert.getPublicKey().getEncoded()), signature);
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            throw new Libp2pCertificateException("the host key's signature over the certificate key is invalid");
        }
        return new VerifiedPeer(hostKey, PeerId.fromPubKey(hostKey));
    }
}
