package io.libp2p.multistream;

/** Multistream-select failed: a malformed message, an unexpected reply, no common protocol or a timeout. */
public final class ProtocolNegotiationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolNegotiationException(String message) {
        super(message);
    }
}
