package io.libp2p.security.tls;

import java.io.IOException;
import java.io.InputStream;
import java.security.NoSuchProviderException;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertPath;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateFactorySpi;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.util.Properties;

/**
 * The JDK's X.509 factory ("SUN"), except that a certificate the JDK refuses for its empty issuer
 * name is read again by BouncyCastle with its empty-issuer opt-in set for this thread only, and comes
 * back as a {@link JdkKeyX509Certificate} (public key as a JDK key, for the JDK's signature checks).
 * See {@link EmptyIssuerCertificateProvider}.
 */
public final class EmptyIssuerCertificateFactory extends CertificateFactorySpi {
    private final CertificateFactory jdk;

    public EmptyIssuerCertificateFactory() throws CertificateException {
        try {
            this.jdk = CertificateFactory.getInstance("X.509", "SUN");
        } catch (NoSuchProviderException e) {
            throw new CertificateException("the JDK's SUN provider is missing", e);
        }
    }

    @Override
    public Certificate engineGenerateCertificate(InputStream in) throws CertificateException {
        if (!in.markSupported()) {
            return jdk.generateCertificate(in); // cannot be read twice
        }
        in.mark(Integer.MAX_VALUE);
        try {
            return jdk.generateCertificate(in);
        } catch (CertificateException e) {
            if (!String.valueOf(e.getMessage()).contains("Empty issuer DN")) {
                throw e;
            }
            try {
                in.reset();
            } catch (IOException io) {
                throw e;
            }
            return readWithEmptyIssuer(in, e);
        }
    }

    private static Certificate readWithEmptyIssuer(InputStream in, CertificateException jdkError) throws CertificateException {
        boolean wasSet = Properties.setThreadOverride(Properties.X509_ALLOW_EMPTY_ISSUER_CERT, true);
        try {
            Certificate c = new org.bouncycastle.jcajce.provider.asymmetric.x509.CertificateFactory().engineGenerateCertificate(in);
            if (!(c instanceof X509Certificate x)) {
                throw jdkError;
            }
            return new JdkKeyX509Certificate(x);
        } catch (CertificateException | RuntimeException e) {
            jdkError.addSuppressed(e);
            throw jdkError;
        } finally {
            if (!wasSet) {
                Properties.removeThreadOverride(Properties.X509_ALLOW_EMPTY_ISSUER_CERT);
            }
        }
    }

    @Override
    public Collection<? extends Certificate> engineGenerateCertificates(InputStream in) throws CertificateException {
        return jdk.generateCertificates(in);
    }

    @Override
    public CertPath engineGenerateCertPath(InputStream in) throws CertificateException {
        return jdk.generateCertPath(in);
    }

    @Override
    public CertPath engineGenerateCertPath(InputStream in, String encoding) throws CertificateException {
        return jdk.generateCertPath(in, encoding);
    }

    @Override
    public CertPath engineGenerateCertPath(List<? extends Certificate> certificates) throws CertificateException {
        return jdk.generateCertPath(certificates);
    }

    @Override
    public Iterator<String> engineGetCertPathEncodings() {
        return jdk.getCertPathEncodings();
    }

    @Override
    public CRL engineGenerateCRL(InputStream in) throws CRLException {
        return jdk.generateCRL(in);
    }

    @Override
    public Collection<? extends CRL> engineGenerateCRLs(InputStream in) throws CRLException {
        return jdk.generateCRLs(in);
    }
}
