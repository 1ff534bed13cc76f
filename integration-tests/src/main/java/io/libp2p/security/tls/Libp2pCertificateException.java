package io.libp2p.security.tls;

import java.security.cert.CertificateException;

/**
 * A remote libp2p TLS certificate that fails the libp2p TLS rules (missing or malformed extension, bad
 * signature, expired, wrong peer id, ...). A {@link CertificateException}, so that the JDK's TLS engine
 * aborts the handshake with it (the remote gets a certificate_unknown alert) and keeps it as the cause.
 */
public class Libp2pCertificateException extends CertificateException {
    private static final long serialVersionUID = 1L;

    public Libp2pCertificateException(String message) {
        super(message);
    }

    public Libp2pCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
