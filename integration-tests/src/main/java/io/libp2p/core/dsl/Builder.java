package io.libp2p.core.dsl;

import io.libp2p.core.ConnectionHandler;
import io.libp2p.core.Host;
import io.libp2p.core.multistream.ProtocolBinding;

/**
 * The DSL host builder behind {@link BuilderJKt#hostJ}. Protocols and connection handlers are
 * collected here; transports, security, muxers and addresses are set on {@link #getHostBuilder()}
 * ({@link Defaults#Standard} pre-fills TCP + Noise + Yamux).
 */
public class Builder {
    /** What a new builder is pre-filled with. */
    public enum Defaults {
        None,
        Standard
    }

    private final ProtocolsBuilder protocols = new ProtocolsBuilder();
    private final ConnectionHandlerBuilder connectionHandlers = new ConnectionHandlerBuilder();
    private final HostBuilder hostBuilder;

    public Builder(Defaults defaults) {
        this.hostBuilder = new HostBuilder(defaults == Defaults.Standard ? HostBuilder.DefaultMode.Standard : HostBuilder.DefaultMode.None);
    }

    protected final ProtocolsBuilder protocolsList() {
        return protocols;
    }

    protected final ConnectionHandlerBuilder connectionHandlersList() {
        return connectionHandlers;
    }

    public final HostBuilder getHostBuilder() {
        return hostBuilder;
    }

    public Host build() {
        hostBuilder.protocol(protocols.toArray(ProtocolBinding<?>[]::new));
        for (ConnectionHandler h : connectionHandlers) {
            hostBuilder.connectionHandler(h);
        }
        return hostBuilder.build();
    }
}
