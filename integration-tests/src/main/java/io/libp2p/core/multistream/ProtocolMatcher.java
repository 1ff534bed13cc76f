package io.libp2p.core.multistream;

import java.util.List;

/** Decides whether a protocol id proposed by the remote is served by a binding. */
@FunctionalInterface
public interface ProtocolMatcher {
    boolean matches(String proto);

    static ProtocolMatcher strict(String protocol) {
        return protocol::equals;
    }

    static ProtocolMatcher prefix(String prefix) {
        return p -> p.startsWith(prefix);
    }

    static ProtocolMatcher list(List<String> protocols) {
        List<String> copy = List.copyOf(protocols);
        return copy::contains;
    }
}
