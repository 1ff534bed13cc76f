package io.libp2p.core;

/** Base of the library's own failures. */
public class Libp2pException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Libp2pException(String message) {
        super(message);
    }

    public Libp2pException(String message, Throwable cause) {
        super(message, cause);
    }
}
