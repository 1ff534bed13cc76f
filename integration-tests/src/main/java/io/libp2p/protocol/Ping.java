package io.libp2p.protocol;

/** The ping protocol binding with the standard 32-byte payload. */
public class Ping extends PingBinding {
    public Ping(int pingSize) {
        super(new PingProtocol(pingSize));
    }

    public Ping() {
        this(PingProtocol.PING_SIZE);
    }
}
