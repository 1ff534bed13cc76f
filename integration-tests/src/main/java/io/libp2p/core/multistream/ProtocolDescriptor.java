package io.libp2p.core.multistream;

import java.util.Collection;
import java.util.List;

/** The protocol ids a binding announces (in preference order) and the ids it accepts. */
public final class ProtocolDescriptor {
    private final List<String> announceProtocols;
    private final ProtocolMatcher protocolMatcher;

    public ProtocolDescriptor(List<String> announceProtocols, ProtocolMatcher protocolMatcher) {
        this.announceProtocols = List.copyOf(announceProtocols);
        this.protocolMatcher = protocolMatcher;
    }

    public ProtocolDescriptor(String announceProtocol) {
        this(List.of(announceProtocol), ProtocolMatcher.strict(announceProtocol));
    }

    public ProtocolDescriptor(String... protocols) {
        this(List.of(protocols), ProtocolMatcher.list(List.of(protocols)));
    }

    public final List<String> getAnnounceProtocols() {
        return announceProtocols;
    }

    public ProtocolMatcher getProtocolMatcher() {
        return protocolMatcher;
    }

    public boolean matchesAny(Collection<String> protocols) {
        for (String p : protocols) {
            if (protocolMatcher.matches(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ProtocolDescriptor" + announceProtocols;
    }
}
