package dev.privacyagent.server.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.PeerStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.Transports;
import dev.privacyagent.server.source.FindingView;
import dev.privacyagent.server.source.ReportView;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code /api/report} and of each SSE update: everything the live page draws, plus
 * the analyzer's full report under {@code "report"}. Lists are bounded so a node with many peers
 * still gets a small, fast page; totals say how many there were.
 */
public final class DashboardJson {
  public static final String MOCK_NOTICE = "MOCK: no cryptographic guarantee";
  static final int MAX_PEERS = 500;
  static final int MAX_CONNECTIONS = 300;
  static final int MAX_PROTOCOLS = 30;

  private DashboardJson() {}

  public static ObjectNode of(ReportView v, List<RiskHistory.Point> trend) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    Snapshot s = v.snapshot();
    n.put("version", v.version());
    n.put("generatedAt", v.generatedWallMillis());
    n.put("riskScore", v.riskScore());
    ArrayNode t = n.putArray("riskTrend");
    for (RiskHistory.Point p : trend) {
      t.addObject().put("t", p.wallMillis()).put("score", p.score());
    }
    n.set("findings", findings(v.findings()));
    ObjectNode anon = n.putObject("anonymity");
    v.anonymity().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> anon.put(e.getKey(), e.getValue()));
    n.set("counters", counters(s.counters()));
    ObjectNode window = n.putObject("window");
    window.put("first", s.firstWallMillis());
    window.put("last", s.lastWallMillis());
    ArrayNode nodes = n.putArray("localNodes");
    s.localNodes().forEach(id -> nodes.add(Bounded.text(id)));
    n.set("peers", peers(s));
    n.set("connections", connections(s));
    n.set("protocols", protocols(s.protocols()));
    ObjectNode proofs = n.putObject("proofs");
    proofs.put("notice", MOCK_NOTICE);
    proofs.set("items", Json.MAPPER.valueToTree(v.proofs()));
    n.set("report", v.report());
    n.set("nodes", nodes(v));
    return n;
  }

  /**
   * The dashboard of one local node ({@code ?node=}): the same shape as {@link #of}, computed
   * from that node's own view, with {@code "node"} naming it and {@code "nodes"} listing all.
   */
  public static ObjectNode ofNode(ReportView.NodeView node, ReportView all, List<RiskHistory.Point> trend) {
    ObjectNode n = of(node.view(), trend);
    ObjectNode self = n.putObject("node");
    self.put("node", Bounded.text(node.node()));
    self.put("name", Bounded.text(node.name()));
    ArrayNode lp = self.putArray("localPeers");
    node.localPeers().forEach(p -> lp.add(Bounded.text(p)));
    n.set("nodes", nodes(all));
    return n;
  }

  /** {@code /api/nodes} and the page's node selector: every local node with its headline numbers. */
  public static ArrayNode nodes(ReportView v) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    JsonNode rows = v.report().path("comparison");
    for (int i = 0; i < v.nodes().size(); i++) {
      ReportView.NodeView nv = v.nodes().get(i);
      ObjectNode o = a.addObject();
      o.put("node", Bounded.text(nv.node()));
      o.put("name", Bounded.text(nv.name()));
      o.put("riskScore", nv.view().riskScore());
      o.put("findings", nv.view().findings().size());
      o.put("peers", nv.view().snapshot().peers().size());
      ArrayNode lp = o.putArray("localPeers");
      nv.localPeers().forEach(p -> lp.add(Bounded.text(p)));
      JsonNode row = rows.path(i);
      if (row.isObject() && nv.node().equals(row.path("node").asText())) {
        o.set("comparison", row);
      }
    }
    return a;
  }

  static ArrayNode findings(List<FindingView> findings) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (FindingView f : findings) {
      ObjectNode o = a.addObject();
      o.put("id", Bounded.text(f.id()));
      o.put("category", Bounded.text(f.category()));
      o.put("severity", Bounded.text(f.severity()));
      o.put("confidence", f.confidence());
      o.put("summary", Bounded.text(f.summary(), 2048));
      o.put("recommendation", Bounded.text(f.recommendation(), 2048));
      ArrayNode ev = o.putArray("evidence");
      f.evidence().stream().limit(Bounded.MAX_LIST).forEach(e -> ev.add(Bounded.text(e, 1024)));
    }
    return a;
  }

  public static ObjectNode counters(CollectorCounters c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("accepted", c.accepted());
    o.put("droppedQueueFull", c.droppedQueueFull());
    o.put("evictedConnections", c.evictedConnections());
    o.put("evictedPeers", c.evictedPeers());
    o.put("evictedEvents", c.evictedEvents());
    o.put("truncatedStrings", c.truncatedStrings());
    o.put("skippedLines", c.skippedLines());
    o.put("unknownTypes", c.unknownTypes());
    o.put("unknownFields", c.unknownFields());
    o.put("evictedStreams", c.evictedStreams());
    o.put("estimatedBytes", c.estimatedBytes());
    o.put("memoryCapBytes", c.memoryCapBytes());
    o.put("evictedPrefixes", c.evictedPrefixes());
    o.put("eventsFileLost", c.eventsFileLost());
    o.put("untrackedConnections", c.untrackedConnections());
    o.put("totalDropped", c.totalDropped());
    return o;
  }

  private static ObjectNode peers(Snapshot s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    List<PeerStats> sorted =
        s.peers().values().stream()
            .sorted(Comparator.comparingLong(PeerStats::lastSeenWallMillis).reversed()
                .thenComparing(PeerStats::peerId))
            .limit(MAX_PEERS)
            .toList();
    o.put("total", s.peers().size());
    long connected = s.peers().values().stream().filter(p -> p.connectionsOpen() > 0).count();
    o.put("connected", connected);
    ArrayNode items = o.putArray("items");
    sorted.forEach(p -> items.add(PeerJson.of(p)));
    return o;
  }

  private static ObjectNode connections(Snapshot s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("total", s.connections().size());
    o.put("open", s.connections().values().stream().filter(ConnectionStats::open).count());
    ArrayNode items = o.putArray("items");
    s.connections().values().stream()
        .sorted(Comparator.comparingLong(ConnectionStats::openedWallMillis).reversed()
            .thenComparing(ConnectionStats::connId))
        .limit(MAX_CONNECTIONS)
        .forEach(c -> {
          ObjectNode i = items.addObject();
          i.put("peerId", Bounded.text(c.remotePeerId()));
          i.put("remoteAddr", Bounded.text(c.remoteAddr()));
          i.put("direction", c.direction() == null ? "unknown" : c.direction().name().toLowerCase());
          i.put("transport", Bounded.text(c.transport()));
          i.put("security", Bounded.text(Transports.effectiveSecurity(c.transport(), c.security())));
          i.put("muxer", Bounded.text(c.muxer()));
          i.put("nativeStreams", Transports.nativeStreams(c.transport()));
          i.put("opened", c.openedWallMillis());
          i.put("closed", c.closedWallMillis());
          i.put("streams", c.streams());
          i.put("preexisting", c.preexisting());
        });
    return o;
  }

  private static ObjectNode protocols(Map<String, Long> protocols) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("total", protocols.size());
    ArrayNode items = o.putArray("items");
    List<Map.Entry<String, Long>> sorted =
        protocols.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    long other = 0;
    for (int i = 0; i < sorted.size(); i++) {
      if (i < MAX_PROTOCOLS) {
        items.addObject().put("id", Bounded.text(sorted.get(i).getKey()))
            .put("streams", sorted.get(i).getValue());
      } else {
        other += sorted.get(i).getValue();
      }
    }
    o.put("otherStreams", other);
    return o;
  }

  /** {@code /api/peers}: every peer (bounded), sorted by id for stable paging by clients. */
  public static ObjectNode allPeers(Snapshot s, int max) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("total", s.peers().size());
    ArrayNode items = o.putArray("peers");
    s.peers().values().stream()
        .sorted(Comparator.comparing(PeerStats::peerId))
        .limit(max)
        .forEach(p -> items.add(PeerJson.of(p)));
    o.put("truncated", s.peers().size() > max);
    return o;
  }

  /** {@code /api/proofs}. */
  public static ObjectNode proofs(List<JsonNode> proofs) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("mock", true);
    o.put("notice", MOCK_NOTICE);
    o.set("proofs", Json.MAPPER.valueToTree(proofs));
    return o;
  }
}
