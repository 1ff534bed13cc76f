package io.libp2p.security.tls;

import io.libp2p.core.Libp2pException;

/** A failed libp2p TLS handshake; the message names the reason, the cause is what the TLS engine raised. */
public class TlsHandshakeException extends Libp2pException {
    private static final long serialVersionUID = 1L;

    public TlsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
