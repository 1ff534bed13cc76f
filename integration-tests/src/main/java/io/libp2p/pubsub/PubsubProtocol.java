package io.libp2p.pubsub;

/** Pubsub wire protocols and what each supports (PubsubProtocol.kt). */
public enum PubsubProtocol {
    Gossip_V_1_0("/meshsub/1.0.0"),
    Gossip_V_1_1("/meshsub/1.1.0"),
    Gossip_V_1_2("/meshsub/1.2.0"),
    Gossip_V_1_3("/meshsub/1.3.0"),
    Floodsub("/floodsub/1.0.0");

    private final String announceStr;

    PubsubProtocol(String announceStr) {
        this.announceStr = announceStr;
    }

    public final String getAnnounceStr() {
        return announceStr;
    }

    /** PRUNE backoff and peer exchange: gossipsub 1.1 and later. */
    public final boolean supportsBackoffAndPX() {
        return this == Gossip_V_1_1 || this == Gossip_V_1_2 || this == Gossip_V_1_3;
    }

    /** IDONTWANT: gossipsub 1.2 and later. */
    public final boolean supportsIDontWant() {
        return this == Gossip_V_1_2 || this == Gossip_V_1_3;
    }

    /** The protocol of a negotiated id, or null for an unknown one. */
    public static PubsubProtocol fromAnnounce(String id) {
        for (PubsubProtocol p : values()) {
            if (p.announceStr.equals(id)) {
                return p;
            }
        }
        return null;
    }
}
