package io.libp2p.core;

/** Thrown or used to fail a future when no local handler for the requested protocols. */
public class NoSuchLocalProtocolException extends Libp2pException {
    private static final long serialVersionUID = 1L;

    public NoSuchLocalProtocolException(String message) {
        super(message);
    }

    public NoSuchLocalProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
