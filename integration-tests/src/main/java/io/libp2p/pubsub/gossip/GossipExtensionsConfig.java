package io.libp2p.pubsub.gossip;

/** Gossipsub 1.3 control extensions (none are implemented by the test host; the type keeps the constructor shape). */
public final class GossipExtensionsConfig {
    private final boolean testExtensionEnabled;

    public GossipExtensionsConfig() {
        this(false);
    }

    public GossipExtensionsConfig(boolean testExtensionEnabled) {
        this.testExtensionEnabled = testExtensionEnabled;
    }

    public final boolean getTestExtensionEnabled() {
        return testExtensionEnabled;
    }
}
