package io.libp2p.core;

/** Thrown or used to fail a future when the remote supports none of the offered protocols. */
public class NoSuchRemoteProtocolException extends Libp2pException {
    private static final long serialVersionUID = 1L;

    public NoSuchRemoteProtocolException(String message) {
        super(message);
    }

    public NoSuchRemoteProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
