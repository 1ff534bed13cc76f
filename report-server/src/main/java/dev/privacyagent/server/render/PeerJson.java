package dev.privacyagent.server.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.privacyagent.analyzer.collect.PeerStats;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** One peer row: what the peer table and {@code /api/peers} show, strings bounded. */
final class PeerJson {
  private PeerJson() {}

  static ObjectNode of(PeerStats p) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("peerId", Bounded.text(p.peerId()));
    Set<String> addrs = new LinkedHashSet<>();
    addrs.addAll(p.remoteIps());
    addrs.addAll(p.listenAddrs());
    n.set("addresses", list(addrs));
    n.put("agentVersion", Bounded.text(p.agentVersion()));
    n.put("protocolVersion", Bounded.text(p.protocolVersion()));
    n.set("protocols", list(p.protocols()));
    n.put("observedAddr", Bounded.text(p.observedAddr()));
    n.put("direction", direction(p));
    n.put("inbound", p.inbound());
    n.put("outbound", p.outbound());
    n.put("connectionsOpen", p.connectionsOpen());
    n.put("connectionsOpened", p.connectionsOpened());
    n.put("streams", p.streams());
    n.put("bytes", p.bytes());
    n.put("firstSeen", p.firstSeenWallMillis());
    n.put("lastSeen", p.lastSeenWallMillis());
    if (p.pingCount() > 0) {
      n.put("meanPingMillis", p.meanPingNanos() / 1e6);
    }
    return n;
  }

  static String direction(PeerStats p) {
    if (p.inbound() > 0 && p.outbound() > 0) {
      return "both";
    }
    if (p.inbound() > 0) {
      return "inbound";
    }
    return p.outbound() > 0 ? "outbound" : "unknown";
  }

  private static ArrayNode list(Collection<String> values) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    int i = 0;
    for (String v : values) {
      if (i++ == Bounded.MAX_LIST) {
        a.add("\u2026 " + (values.size() - Bounded.MAX_LIST) + " more");
        break;
      }
      a.add(Bounded.text(v));
    }
    return a;
  }
}
