package io.libp2p.security.noise;

/** The remote proved an identity other than the peer id that was dialled. */
public final class NoisePeerMismatchException extends NoiseException {
    private static final long serialVersionUID = 1L;

    public NoisePeerMismatchException(String message) {
        super(message);
    }
}
