package io.libp2p.security.noise;

/** A Noise handshake or transport message failed: bad length, failed authentication, bad identity or wrong peer. */
public class NoiseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoiseException(String message) {
        super(message);
    }

    public NoiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
