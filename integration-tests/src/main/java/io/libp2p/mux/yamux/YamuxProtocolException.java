package io.libp2p.mux.yamux;

/** The remote broke the yamux protocol (bad version or type, window overrun, bad stream id). */
public final class YamuxProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public YamuxProtocolException(String message) {
        super(message);
    }
}
