package io.libp2p.transport.quic;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link QuicTransport}, with jvm-libp2p's defaults: 15 s to connect (handshake
 * included), 30 s idle timeout, 15 MiB of connection flow-control credit, 10 MiB per stream each
 * way, 256 concurrent bidirectional streams.
 */
public final class QuicConfig {
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final long maxConnectionData;
    private final long maxStreamDataLocal;
    private final long maxStreamDataRemote;
    private final long maxStreamsBidirectional;

    public QuicConfig(Duration connectTimeout, Duration idleTimeout, long maxConnectionData,
            long maxStreamDataLocal, long maxStreamDataRemote, long maxStreamsBidirectional) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.maxConnectionData = maxConnectionData;
        this.maxStreamDataLocal = maxStreamDataLocal;
        this.maxStreamDataRemote = maxStreamDataRemote;
        this.maxStreamsBidirectional = maxStreamsBidirectional;
    }

    public QuicConfig() {
        this(Duration.ofSeconds(15), Duration.ofSeconds(30), 15L << 20, 10L << 20, 10L << 20, 256);
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public long getMaxConnectionData() {
        return maxConnectionData;
    }

    public long getMaxStreamDataLocal() {
        return maxStreamDataLocal;
    }

    public long getMaxStreamDataRemote() {
        return maxStreamDataRemote;
    }

    public long getMaxStreamsBidirectional() {
        return maxStreamsBidirectional;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuicConfig c && connectTimeout.equals(c.connectTimeout) && idleTimeout.equals(c.idleTimeout)
                && maxConnectionData == c.maxConnectionData && maxStreamDataLocal == c.maxStreamDataLocal
                && maxStreamDataRemote == c.maxStreamDataRemote && maxStreamsBidirectional == c.maxStreamsBidirectional;
    }

    @Override
    public int hashCode() {
        return Objects.hash(connectTimeout, idleTimeout, maxConnectionData, maxStreamDataLocal, maxStreamDataRemote,
                maxStreamsBidirectional);
    }

    @Override
    public String toString() {
        return "QuicConfig(connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout + ", maxConnectionData="
                + maxConnectionData + ", maxStreamDataLocal=" + maxStreamDataLocal + ", maxStreamDataRemote="
                + maxStreamDataRemote + ", maxStreamsBidirectional=" + maxStreamsBidirectional + ")";
    }
}
