package dev.privacyagent.sample;

import java.util.List;

/**
 * How one sample node behaves. The rotation gives a small network with the privacy problems a real
 * deployment has: mixed client versions, a node leaking a private address in identify, a node on a
 * strict (fingerprintable) heartbeat, and a node without encryption.
 */
record NodeProfile(String agentVersion, boolean plaintextOnly, List<String> announce, boolean strictHeartbeat) {

    static NodeProfile forIndex(int i) {
        String teku = "teku/v23.12.0/linux-x86_64/-eclipseadoptium-openjdk64bitservervm-java-17";
        return switch (i % 6) {
            case 0 -> new NodeProfile(teku, false, List.of(), false);
            case 1 -> new NodeProfile(teku, false, List.of(), true);
            case 2 -> new NodeProfile("lighthouse/v4.5.0-441fc16/x86_64-linux", false, List.of("/ip4/192.168.1.23/tcp/9000"), false);
            case 3 -> new NodeProfile("jvm/0.1", true, List.of(), false);
            case 4 -> new NodeProfile("nimbus/v23.11.0-6b6e6d-stateofus", false, List.of(), false);
            default -> new NodeProfile("jvm/0.1", false, List.of(), false);
        };
    }
}
