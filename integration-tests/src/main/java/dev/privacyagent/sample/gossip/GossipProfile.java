package dev.privacyagent.sample.gossip;

import java.util.Locale;

/**
 * How a node's subscriptions and publishing expose its validators (Heimbach et al. 2024):
 * {@code default}: 2 backbone subnets plus its aggregation duty subnets around those duties;
 * {@code leaky}: also every attestation duty subnet around each duty, so duties show;
 * {@code careful}: all 64 subnets all the time, so duties never show, and no IDONTWANT ahead of its own
 * large messages (the IDONTWANT size threshold raised above every message), so they carry no origin marker;
 * {@code flood}: as default, but publishes to every topic peer (flood publish).
 */
public enum GossipProfile {
    DEFAULT, LEAKY, CAREFUL, FLOOD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static GossipProfile parse(String s) {
        for (GossipProfile p : values()) {
            if (p.label().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown gossip profile '" + s + "' (default, leaky, careful, flood)");
    }
}
