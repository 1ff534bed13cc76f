package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.PeerStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.report.PeerRow;
import dev.privacyagent.analyzer.report.ProtocolCount;
import dev.privacyagent.analyzer.report.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The peer and protocol tables of a report, bounded in length and in string size. */
final class ReportTables {
  private static final int LIST_ITEMS = 16;

  private ReportTables() {}

  static List<PeerRow> peers(Snapshot s, long totalTraffic, boolean byStreams, int max) {
    List<PeerStats> sorted = new ArrayList<>(s.peers().values());
    sorted.sort(Comparator.comparingLong((PeerStats p) -> byStreams ? p.streams() : p.connectionsOpened())
        .reversed()
        .thenComparing(Comparator.comparingLong(PeerStats::bytes).reversed())
        .thenComparing(PeerStats::peerId));
    List<PeerRow> rows = new ArrayList<>(Math.min(max, sorted.size()));
    for (PeerStats p : sorted) {
      if (rows.size() == max) {
        break;
      }
      long traffic = byStreams ? p.streams() : p.connectionsOpened();
      rows.add(new PeerRow(
          Text.bound(p.peerId()),
          bounded(p.remoteIps().stream().sorted().toList()),
          Text.bound(p.agentVersion()),
          Text.bound(p.protocolVersion()),
          bounded(p.protocols().stream().sorted().toList()),
          p.protocols().size(),
          bounded(p.listenAddrs()),
          direction(p),
          p.inbound(),
          p.outbound(),
          p.connectionsOpened(),
          p.connectionsOpen(),
          p.streams(),
          p.bytes(),
          totalTraffic > 0 ? (double) traffic / totalTraffic : 0.0,
          p.firstSeenWallMillis(),
          p.lastSeenWallMillis(),
          p.pingCount() > 0 ? p.meanPingNanos() / 1e6 : -1.0));
    }
    return rows;
  }

  static List<ProtocolCount> protocols(Snapshot s, int max) {
    Map<String, long[]> counts = new HashMap<>();
    for (Map.Entry<String, Long> e : s.protocols().entrySet()) {
      counts.computeIfAbsent(e.getKey(), k -> new long[2])[0] += e.getValue();
    }
    for (PeerStats p : s.peers().values()) {
      for (String proto : p.protocols()) {
        counts.computeIfAbsent(proto, k -> new long[2])[1]++;
      }
    }
    return counts.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0]).reversed()
            .thenComparing(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
            .thenComparing(Map.Entry::getKey))
        .limit(max)
        .map(e -> new ProtocolCount(Text.bound(e.getKey()), e.getValue()[0], e.getValue()[1]))
        .toList();
  }

  private static String direction(PeerStats p) {
    if (p.inbound() > 0 && p.outbound() > 0) {
      return "both";
    }
    if (p.inbound() > 0) {
      return "inbound";
    }
    return p.outbound() > 0 ? "outbound" : "unknown";
  }

  private static List<String> bounded(List<String> items) {
    List<String> out = new ArrayList<>(Math.min(items.size(), LIST_ITEMS));
    for (String s : items) {
      if (out.size() == LIST_ITEMS) {
        break;
      }
      out.add(Text.bound(s));
    }
    return out;
  }
}
