package io.libp2p.core;

/** Thrown or used to fail a future when the remote peer misbehaved or is not who we dialed. */
public class BadPeerException extends Libp2pException {
    private static final long serialVersionUID = 1L;

    public BadPeerException(String message) {
        super(message);
    }

    public BadPeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
