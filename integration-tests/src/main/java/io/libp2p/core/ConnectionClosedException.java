package io.libp2p.core;

/** Thrown or used to fail a future when the connection or stream closed. */
public class ConnectionClosedException extends Libp2pException {
    private static final long serialVersionUID = 1L;

    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
