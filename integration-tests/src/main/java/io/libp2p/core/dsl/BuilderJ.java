package io.libp2p.core.dsl;

/** The Java face of {@link Builder}: its parts as plain getters. */
public final class BuilderJ extends Builder {
    public BuilderJ(Defaults defaults) {
        super(defaults);
    }

    public ProtocolsBuilder getProtocols() {
        return protocolsList();
    }

    public ConnectionHandlerBuilder getConnectionHandlers() {
        return connectionHandlersList();
    }
}
