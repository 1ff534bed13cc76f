package io.libp2p.core;

/** Thrown or used to fail a future when no transport handles the address. */
public class TransportNotSupportedException extends Libp2pException {
    private static final long serialVersionUID = 1L;

    public TransportNotSupportedException(String message) {
        super(message);
    }

    public TransportNotSupportedException(String message, Throwable cause) {
        super(message, cause);
    }
}
