package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.Multiaddrs;
import dev.privacyagent.analyzer.collect.PeerStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of the node's connection set: too few distinct open peers or networks (the eclipse
 * exposure of Heilman et al. 2015 and Marcus et al. 2018), a few long-lived peers that carry most
 * of the traffic (they can track the node over time), and a connection set chosen mostly by
 * others (inbound) rather than by the node itself.
 */
public final class ConnectionPatternDetector implements Detector {

  /**
   * @param minOpenPeers fire when fewer distinct peers are connected
   * @param minOpenPrefixes fire when open peers come from fewer /24 or /48 prefixes
   * @param longLivedMillis a connection at least this old is long-lived
   * @param topPeers how many long-lived peers the concentration check looks at
   * @param maxLongLivedShare fire when those peers carry more than this share of streams
   * @param minOutboundShare fire when outbound connections are a smaller share than this
   * @param minConnections connections needed before shares are judged
   */
  public record Thresholds(
      int minOpenPeers,
      int minOpenPrefixes,
      long longLivedMillis,
      int topPeers,
      double maxLongLivedShare,
      double minOutboundShare,
      int minConnections) {
    public Thresholds {
      if (minOpenPeers < 1 || minOpenPrefixes < 1 || longLivedMillis < 0 || topPeers < 1
          || !(maxLongLivedShare > 0 && maxLongLivedShare <= 1)
          || !(minOutboundShare >= 0 && minOutboundShare <= 1) || minConnections < 1) {
        throw new IllegalArgumentException("invalid connection-pattern thresholds");
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(8, 4, 600_000, 3, 0.5, 0.2, 10);
    }
  }

  private final Thresholds t;

  public ConnectionPatternDetector(Thresholds thresholds) {
    this.t = thresholds;
  }

  @Override
  public Category category() {
    return Category.CONNECTION_PATTERN;
  }

  @Override
  public List<Finding> detect(Snapshot s) {
    List<Finding> out = new ArrayList<>();
    eclipse(s, out);
    longLived(s, out);
    direction(s, out);
    return out;
  }

  private void eclipse(Snapshot s, List<Finding> out) {
    Set<String> peers = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    long open = 0;
    for (ConnectionStats c : s.connections().values()) {
      if (!c.open()) {
        continue;
      }
      open++;
      peers.add(String.valueOf(c.remotePeerId()));
      // The collector's own prefix function, so these agree with Snapshot.prefixes.
      String prefix = Multiaddrs.prefix(c.remoteAddr());
      if (prefix != null) {
        prefixes.add(prefix);
      }
    }
    if (open == 0) {
      return;
    }
    boolean fewPeers = peers.size() < t.minOpenPeers();
    boolean fewPrefixes = !prefixes.isEmpty() && prefixes.size() < t.minOpenPrefixes();
    if (!fewPeers && !fewPrefixes) {
      return;
    }
    double deficit = Math.max(
        fewPeers ? 1.0 - (double) peers.size() / t.minOpenPeers() : 0.0,
        fewPrefixes ? 1.0 - (double) prefixes.size() / t.minOpenPrefixes() : 0.0);
    Severity sev = peers.size() <= 2 || (fewPrefixes && prefixes.size() <= 1 && fewPeers)
        ? Severity.HIGH : Severity.MEDIUM;
    out.add(new Finding(
        "connection.eclipse-exposure",
        Category.CONNECTION_PATTERN,
        sev,
        0.5 + 0.5 * deficit,
        String.format(
            "Only %d distinct peer(s) in %d network prefix(es) are connected (%d open connections; want >= %d peers and >= %d prefixes): whoever controls them controls the node's view of the network",
            peers.size(), prefixes.size(), open, t.minOpenPeers(), t.minOpenPrefixes()),
        Evidence.of()
            .put("openConnections", open)
            .put("openPeers", (long) peers.size())
            .put("openPrefixes", (long) prefixes.size())
            .put("minOpenPeers", (long) t.minOpenPeers())
            .put("minOpenPrefixes", (long) t.minOpenPrefixes())
            .list("prefixes", prefixes.stream().sorted().toList())
            .build(),
        "Keep more outbound connections to peers in distinct networks and rotate some of them; bound connections per prefix."));
  }

  private void longLived(Snapshot s, List<Finding> out) {
    Map<String, Long> ageByPeer = new HashMap<>();
    for (ConnectionStats c : s.connections().values()) {
      long end = c.open() ? s.observedUntilWallMillis() : c.closedWallMillis();
      long age = Math.max(0, end - c.openedWallMillis());
      ageByPeer.merge(String.valueOf(c.remotePeerId()), age, Math::max);
    }
    long totalStreams = 0;
    for (PeerStats p : s.peers().values()) {
      totalStreams += p.streams();
    }
    if (totalStreams < 2L * t.minConnections()) {
      return;
    }
    List<PeerStats> longLived = s.peers().values().stream()
        .filter(p -> ageByPeer.getOrDefault(p.peerId(), 0L) >= t.longLivedMillis())
        .sorted(Comparator.comparingLong(PeerStats::streams).reversed().thenComparing(PeerStats::peerId))
        .limit(t.topPeers())
        .toList();
    long topStreams = longLived.stream().mapToLong(PeerStats::streams).sum();
    double share = (double) topStreams / totalStreams;
    if (longLived.isEmpty() || share <= t.maxLongLivedShare()) {
      return;
    }
    out.add(new Finding(
        "connection.long-lived-concentration",
        Category.CONNECTION_PATTERN,
        Severity.MEDIUM,
        Math.min(1.0, share),
        String.format(
            "%d long-lived peer(s) (connected >= %d s) carry %.0f%% of all streams: they can follow the node's activity over time",
            longLived.size(), t.longLivedMillis() / 1000, 100 * share),
        Evidence.of()
            .put("longLivedPeers", (long) longLived.size())
            .put("streamShare", Math.round(share * 1000) / 1000.0)
            .put("totalStreams", totalStreams)
            .put("longLivedMillis", t.longLivedMillis())
            .list("peers", longLived.stream().map(p -> p.peerId() + " streams=" + p.streams()).toList())
            .build(),
        "Spread requests across peers and periodically replace long-lived connections (peer scoring with rotation)."));
  }

  private void direction(Snapshot s, List<Finding> out) {
    long in = 0;
    long outb = 0;
    for (ConnectionStats c : s.connections().values()) {
      if (c.direction() == Direction.INBOUND) {
        in++;
      } else if (c.direction() == Direction.OUTBOUND) {
        outb++;
      }
    }
    long total = in + outb;
    if (total < t.minConnections()) {
      return;
    }
    double outShare = (double) outb / total;
    if (outShare >= t.minOutboundShare()) {
      return;
    }
    out.add(new Finding(
        "connection.inbound-dominated",
        Category.CONNECTION_PATTERN,
        Severity.MEDIUM,
        t.minOutboundShare() > 0 ? 1.0 - outShare / t.minOutboundShare() : 1.0,
        String.format(
            "%d of %d connections are inbound (outbound share %.0f%%, want >= %.0f%%): the node's peer set is chosen by others, the precondition of an eclipse attack",
            in, total, 100 * outShare, 100 * t.minOutboundShare()),
        Evidence.of()
            .put("inbound", in)
            .put("outbound", outb)
            .put("outboundShare", Math.round(outShare * 1000) / 1000.0)
            .put("minOutboundShare", t.minOutboundShare())
            .build(),
        "Reserve connection slots for outbound peers the node picks itself, and cap inbound slots."));
  }
}
