package dev.privacyagent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.PeerStats;
import dev.privacyagent.analyzer.collect.PrefixStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.IdentifyReceived;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.server.source.FindingView;
import dev.privacyagent.server.source.ReportView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Report views for the server tests, including hostile peer-controlled strings. */
final class Fixtures {
  static final String XSS_AGENT = "<img src=x onerror=\"window.pwned=1\">";
  static final String EVIL_PEER = "12D3KooWEvilPeer\"><script>window.pwned=2</script>";
  static final String PEER_A = "12D3KooWAlicePeerAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  static final String PEER_B = "12D3KooWBobPeerBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
  static final String LOCAL = "12D3KooWLocalNodeLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL";
  static final String IP_A = "203.0.113.7";
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  static List<Event> events(long base) {
    List<Event> e = new ArrayList<>();
    e.add(new ConnectionOpened(1, 1_000, base, LOCAL, "c1", LOCAL, PEER_A,
        "/ip4/127.0.0.1/tcp/4001", "/ip4/" + IP_A + "/tcp/4001", Direction.OUTBOUND, "tcp",
        "/noise", "/yamux/1.0.0", false));
    e.add(new IdentifyReceived(2, 2_000, base + 10, LOCAL, "c1", PEER_A, "go-ipfs/0.9.0",
        "ipfs/0.1.0", List.of("/ip4/192.168.1.20/tcp/4001"), "/ip4/198.51.100.1/tcp/4001",
        List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0")));
    e.add(new ConnectionOpened(3, 3_000, base + 20, LOCAL, "c2", LOCAL, EVIL_PEER,
        "/ip4/127.0.0.1/tcp/4001", "/ip4/198.51.100.9/tcp/5001", Direction.INBOUND, "tcp",
        "/noise", "/mplex/6.7.0", false));
    e.add(new IdentifyReceived(4, 4_000, base + 30, LOCAL, "c2", EVIL_PEER, XSS_AGENT,
        "ipfs/0.1.0", List.of(), null, List.of("/evil/<b>bold</b>/1.0.0")));
    return e;
  }

  static Snapshot snapshot(long now, int extraPeers) {
    Map<String, ConnectionStats> conns = new LinkedHashMap<>();
    conns.put(LOCAL + "/c1", new ConnectionStats(LOCAL, "c1", PEER_A, "/ip4/127.0.0.1/tcp/4001",
        "/ip4/" + IP_A + "/tcp/4001", Direction.OUTBOUND, "tcp", "/noise", "/yamux/1.0.0", false,
        now - 60_000, 0, 12, 3, 4096, 2048));
    conns.put(LOCAL + "/c2", new ConnectionStats(LOCAL, "c2", EVIL_PEER, "/ip4/127.0.0.1/tcp/4001",
        "/ip4/198.51.100.9/tcp/5001", Direction.INBOUND, "tcp", "/noise", "/mplex/6.7.0", false,
        now - 45_000, now - 5_000, 2, 0, 10, 10));
    conns.put(LOCAL + "/c3", new ConnectionStats(LOCAL, "c3", PEER_B, "/ip4/127.0.0.1/tcp/4001",
        "/ip6/2001:db8::1/tcp/4001", Direction.OUTBOUND, "tcp", "/noise", "/yamux/1.0.0", false,
        now - 30_000, 0, 5, 1, 100, 100));
    Map<String, PeerStats> peers = new LinkedHashMap<>();
    peers.put(PEER_A, new PeerStats(PEER_A, Set.of(IP_A), 1, 1, 0, 1, 12, 6144, now - 60_000,
        now - 1_000, "go-ipfs/0.9.0", "ipfs/0.1.0", List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"),
        List.of("/ip4/192.168.1.20/tcp/4001"), "/ip4/198.51.100.1/tcp/4001", 3, 2_500_000));
    peers.put(EVIL_PEER, new PeerStats(EVIL_PEER, Set.of("198.51.100.9"), 1, 0, 1, 0, 2, 20,
        now - 45_000, now - 5_000, XSS_AGENT, "ipfs/0.1.0", List.of("/evil/<b>bold</b>/1.0.0"),
        List.of(), null, 0, 0));
    peers.put(PEER_B, new PeerStats(PEER_B, Set.of("2001:db8::1"), 1, 1, 0, 1, 5, 200,
        now - 30_000, now - 2_000, "rust-libp2p/0.53", "ipfs/0.1.0", List.of("/ipfs/id/1.0.0"),
        List.of(), null, 1, 1_000_000));
    for (int i = 0; i < extraPeers; i++) {
      String id = "12D3KooWExtra" + i;
      peers.put(id, new PeerStats(id, Set.of("10.0.0." + (i % 250)), 1, 1, 0, 1, 1, 1,
          now - 10_000, now, "js-libp2p/1." + i, "ipfs/0.1.0", List.of("/ipfs/id/1.0.0"),
          List.of(), null, 0, 0));
    }
    Map<String, Long> protocols = new LinkedHashMap<>();
    protocols.put("/ipfs/id/1.0.0", 9L);
    protocols.put("/ipfs/ping/1.0.0", 6L);
    protocols.put("/meshsub/1.1.0", 4L);
    protocols.put("/evil/<b>bold</b>/1.0.0\"\\\n", 1L);
    Map<String, PrefixStats> prefixes = Map.of(
        "203.0.113.0/24", new PrefixStats("203.0.113.0/24", 1, 12),
        "198.51.100.0/24", new PrefixStats("198.51.100.0/24", 1, 2));
    IdentifySent sent = new IdentifySent(5, 5_000, now - 59_000, LOCAL, "c1", PEER_A,
        "jvm-libp2p/1.2.0", "ipfs/0.1.0",
        List.of("/ip4/127.0.0.1/tcp/4001", "/ip4/192.168.1.5/tcp/4001"),
        "/ip4/" + IP_A + "/tcp/4001", List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/meshsub/1.1.0"));
    return new Snapshot(now, now - 60_000, now - 1_000, List.of(LOCAL), conns, peers, protocols,
        prefixes, Map.of(LOCAL, sent), events(now - 60_000),
        new CollectorCounters(1234, 2, 1, 0, 5, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, List.of(), Map.of());
  }

  static List<FindingView> findings() {
    return List.of(
        new FindingView("addr.private-listen", "ADDRESS_LEAKAGE", "high", 0.9,
            "1 peer advertises private listen addresses that reveal its LAN",
            "Filter private and loopback addresses from identify.",
            List.of("peer " + PEER_A, "addr /ip4/192.168.1.20/tcp/4001")),
        new FindingView("fp.agent-version", "FINGERPRINTING", "medium", 0.7,
            "agentVersion carries 7.2 bits of identifying information",
            "Send a generic agentVersion.", List.of("agent " + XSS_AGENT)));
  }

  static ReportView view(long version, long now, double risk, List<FindingView> findings,
      int extraPeers) {
    Map<String, Double> anon = new LinkedHashMap<>();
    anon.put("effectiveAnonymitySet", 2.71);
    anon.put("degreeOfAnonymity", 0.58);
    anon.put("distinctPeers", 3.0 + extraPeers);
    anon.put("distinctPrefixes", 2.0);
    List<JsonNode> proofs = List.of(
        MAPPER.createObjectNode().put("statement", "RISK_SCORE_AT_MOST").put("threshold", 0.5)
            .put("holds", risk <= 0.5).put("claimedValue", risk).put("saltHex", "00ff")
            .put("commitmentHex", "abc123").put("algorithm", "SHA-256")
            .put("notice", "MOCK: no cryptographic guarantee"));
    JsonNode report = MAPPER.createObjectNode().put("schemaVersion", 1).put("riskScore", risk);
    return new ReportView(version, now, risk, findings, anon, proofs,
        snapshot(now, extraPeers), report);
  }

  static ReportView view(long version) {
    return view(version, System.currentTimeMillis(), 0.62, findings(), 0);
  }
}
