package io.libp2p.protocol;

import io.libp2p.core.Libp2pException;

/** A ping got no echo within the ping timeout. */
public class PingTimeoutException extends Libp2pException {
    private static final long serialVersionUID = 1L;

    public PingTimeoutException(String message) {
        super(message);
    }
}
