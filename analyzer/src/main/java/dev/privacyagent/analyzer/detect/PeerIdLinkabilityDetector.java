package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.PeerStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A libp2p peer id is a long-lived public key: whoever sees it from several IP addresses links
 * them into one identity, as network crawlers do (Nebula; Daniel and Tschorsch 2022 on IPFS).
 * This detector measures how far that linkage happened: our own peer id reported at several
 * addresses by remote peers, remote peers seen from several IPs (what any observer can do to us
 * too), and peers that reconnect again and again (re-running identify each time).
 */
public final class PeerIdLinkabilityDetector implements Detector {

  /**
   * @param minObservedIps fire when remote peers saw our node at this many distinct IPs
   * @param minIpsPerPeer a remote peer seen from this many IPs counts as linked
   * @param minReconnects a peer with this many connections opened in the window counts as churn
   */
  public record Thresholds(int minObservedIps, int minIpsPerPeer, long minReconnects) {
    public Thresholds {
      if (minObservedIps < 2 || minIpsPerPeer < 2 || minReconnects < 2) {
        throw new IllegalArgumentException("invalid linkability thresholds");
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(2, 2, 5);
    }
  }

  private final Thresholds t;

  public PeerIdLinkabilityDetector(Thresholds thresholds) {
    this.t = thresholds;
  }

  @Override
  public Category category() {
    return Category.LINKABILITY;
  }

  @Override
  public List<Finding> detect(Snapshot s) {
    List<Finding> out = new ArrayList<>();
    ownIdentity(s, out);
    remoteIdentities(s, out);
    churn(s, out);
    return out;
  }

  private void ownIdentity(Snapshot s, List<Finding> out) {
    // ip -> number of peers that reported it as our observed address
    TreeMap<String, Long> observed = new TreeMap<>();
    long reporters = 0;
    for (PeerStats p : s.peers().values()) {
      AddressClass.Host h = AddressClass.parse(p.observedAddr());
      if (h.scope() == AddressClass.Scope.UNPARSEABLE || h.scope() == AddressClass.Scope.LOOPBACK
          || h.scope() == AddressClass.Scope.UNSPECIFIED) {
        continue;
      }
      reporters++;
      observed.merge(h.ip(), 1L, Long::sum);
    }
    if (observed.size() < t.minObservedIps()) {
      return;
    }
    out.add(new Finding(
        "linkability.own-ips-linked",
        Category.LINKABILITY,
        Severity.MEDIUM,
        (double) reporters / (reporters + 2),
        String.format(
            "Remote peers saw our peer id at %d distinct IP addresses: the peer id links these networks into one identity",
            observed.size()),
        Evidence.of()
            .put("distinctObservedIps", (long) observed.size())
            .put("reportingPeers", reporters)
            .list("observedIps", observed.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " peers)").toList())
            .build(),
        "Use a fresh peer id (new key) when moving between networks, or route through one stable relay address."));
  }

  private void remoteIdentities(Snapshot s, List<Finding> out) {
    List<PeerStats> linked = s.peers().values().stream()
        .filter(p -> p.remoteIps().size() >= t.minIpsPerPeer())
        .sorted(Comparator.comparingInt((PeerStats p) -> p.remoteIps().size()).reversed()
            .thenComparing(PeerStats::peerId))
        .toList();
    if (linked.isEmpty()) {
      return;
    }
    int maxIps = linked.get(0).remoteIps().size();
    out.add(new Finding(
        "linkability.peer-multi-ip",
        Category.LINKABILITY,
        Severity.LOW,
        0.9,
        String.format(
            "%d peer(s) were seen from several IP addresses (up to %d): peer ids link addresses, and the same holds for this node's own id",
            linked.size(), maxIps),
        Evidence.of()
            .put("linkedPeers", (long) linked.size())
            .put("peersTotal", (long) s.peers().size())
            .put("maxIpsPerPeer", (long) maxIps)
            .list("peers", linked.stream().map(p -> p.peerId() + " ips=" + p.remoteIps().stream().sorted().toList()).toList())
            .build(),
        "Treat the peer id as a tracking identifier: rotate it where the application allows (light clients, browsers)."));
  }

  private void churn(Snapshot s, List<Finding> out) {
    List<PeerStats> churners = s.peers().values().stream()
        .filter(p -> p.connectionsOpened() >= t.minReconnects())
        .sorted(Comparator.comparingLong(PeerStats::connectionsOpened).reversed()
            .thenComparing(PeerStats::peerId))
        .toList();
    if (churners.isEmpty()) {
      return;
    }
    long max = churners.get(0).connectionsOpened();
    long windowMs = Math.max(1, s.lastWallMillis() - s.firstWallMillis());
    double perHour = max * 3_600_000.0 / windowMs;
    Map<String, Object> ev = Evidence.of()
        .put("churningPeers", (long) churners.size())
        .put("maxConnectionsOpened", max)
        .put("maxReconnectsPerHour", Math.round(perHour * 10) / 10.0)
        .put("minReconnects", t.minReconnects())
        .list("peers", churners.stream().map(p -> p.peerId() + " opened=" + p.connectionsOpened()).toList())
        .build();
    out.add(new Finding(
        "linkability.reconnect-churn",
        Category.LINKABILITY,
        max >= 4 * t.minReconnects() ? Severity.MEDIUM : Severity.LOW,
        Math.min(1.0, (double) max / (4.0 * t.minReconnects())),
        String.format(
            "%d peer(s) opened %d or more connections in the window (at most %d, %.1f per hour): each reconnect re-runs identify and re-links the node's addresses",
            churners.size(), t.minReconnects(), max, perHour),
        ev,
        "Keep connections to useful peers instead of redialling, and rate-limit peers that reconnect repeatedly (crawler-like behaviour)."));
  }
}
