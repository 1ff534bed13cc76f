package dev.privacyagent.server.metrics;

import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.server.render.Bounded;
import dev.privacyagent.server.source.FindingView;
import dev.privacyagent.server.source.ReportView;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /metrics}. Where go-libp2p exports the same quantity, its metric name and label names
 * are used so that existing libp2p dashboards work (swarm connections, resource-manager
 * connection gauge); the privacy measures are new and live
 * under {@code libp2p_privacy_}. No label ever carries a peer id or an IP address.
 */
public final class MetricsRenderer {
  /** Protocol ids come from peers: only the busiest get their own label value. */
  static final int MAX_PROTOCOL_LABELS = 50;
  private static final int MAX_LABEL = 128;
  /**
   * The anonymity measures by their report key: metric name (after
   * {@code libp2p_privacy_anonymity_}) and help. Entropies are in bits, which is no Prometheus
   * base unit (promtool wants bytes for a {@code _bits} name), so their names carry no unit and
   * the help says it.
   */
  private static final Map<String, String[]> ANONYMITY = Map.of(
      "effectiveAnonymitySet", new String[] {"effective_anonymity_set",
          "Effective anonymity set size 2^H over the peers' traffic shares"},
      "degreeOfAnonymity", new String[] {"degree_of_anonymity",
          "Degree of anonymity H/log2(N) in [0,1] (Diaz et al. 2002)"},
      "entropyBits", new String[] {"entropy",
          "Shannon entropy H of the peers' traffic shares (log2, i.e. in bits)"},
      "maxEntropyBits", new String[] {"max_entropy",
          "Largest possible entropy log2(N) for the number of peers (in bits)"},
      "distinctPeers", new String[] {"distinct_peers", "Distinct peers that carried traffic (N)"},
      "distinctPrefixes", new String[] {"distinct_prefixes",
          "Distinct /24 (IPv4) or /48 (IPv6) prefixes of remote peers"},
      "effectivePrefixSet", new String[] {"effective_prefix_set",
          "Effective number of network prefixes 2^H over prefix traffic shares"},
      "topPeerShare", new String[] {"top_peer_share",
          "Largest single peer's share of traffic, in [0,1]"});

  private MetricsRenderer() {}

  public static String render(ReportView v) {
    PromWriter w = new PromWriter();
    Snapshot s = v.snapshot();
    connections(w, s);
    identify(w, s);
    privacy(w, v);
    GossipMetrics.render(w, v);
    collector(w, s.counters());
    return w.toString();
  }

  private record ConnKey(String dir, String transport, String security, String muxer, String ip) {}

  private static ConnKey connKey(ConnectionStats c) {
    return new ConnKey(dir(c.direction()), label(c.transport()), label(c.security()),
        label(c.muxer()), ipVersion(c.remoteAddr()));
  }

  private static void connections(PromWriter w, Snapshot s) {
    Map<ConnKey, long[]> byKey = new TreeMap<>(
        java.util.Comparator.comparing(ConnKey::toString));
    long openIn = 0;
    long openOut = 0;
    for (ConnectionStats c : s.connections().values()) {
      long[] counts = byKey.computeIfAbsent(connKey(c), x -> new long[2]);
      counts[0]++;
      if (!c.open()) {
        counts[1]++;
      } else if (c.direction() == Direction.INBOUND) {
        openIn++;
      } else if (c.direction() == Direction.OUTBOUND) {
        openOut++;
      }
    }
    w.family("libp2p_swarm_connections_opened_total", "counter",
        "Connections opened, as observed by the privacy agent");
    byKey.forEach((k, c) -> w.sample("libp2p_swarm_connections_opened_total", c[0], labels(k)));
    w.family("libp2p_swarm_connections_closed_total", "counter",
        "Connections closed, as observed by the privacy agent");
    byKey.forEach((k, c) -> w.sample("libp2p_swarm_connections_closed_total", c[1], labels(k)));
    durations(w, s);
    w.family("libp2p_rcmgr_connections", "gauge", "Number of open connections");
    w.sample("libp2p_rcmgr_connections", openIn, "dir", "inbound", "scope", "system");
    w.sample("libp2p_rcmgr_connections", openOut, "dir", "outbound", "scope", "system");

    w.family("libp2p_privacy_protocol_streams_total", "counter",
        "Streams that negotiated each protocol; the least used are summed under protocol=\"other\"");
    List<Map.Entry<String, Long>> protos = s.protocols().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .toList();
    long other = 0;
    for (int i = 0; i < protos.size(); i++) {
      if (i < MAX_PROTOCOL_LABELS) {
        w.sample("libp2p_privacy_protocol_streams_total", protos.get(i).getValue(),
            "protocol", label(protos.get(i).getKey()));
      } else {
        other += protos.get(i).getValue();
      }
    }
    if (other > 0) {
      w.sample("libp2p_privacy_protocol_streams_total", other, "protocol", "other");
    }
  }

  /** go-libp2p's buckets for connection durations: 1/16 s doubling 25 times (up to 24 days). */
  static final double[] DURATION_BUCKETS = new double[25];

  static {
    for (int i = 0; i < DURATION_BUCKETS.length; i++) {
      DURATION_BUCKETS[i] = Math.scalb(1.0 / 16, i);
    }
  }

  private static void durations(PromWriter w, Snapshot s) {
    Map<ConnKey, List<Double>> byKey = new TreeMap<>(
        java.util.Comparator.comparing(ConnKey::toString));
    for (ConnectionStats c : s.connections().values()) {
      if (c.open() || c.preexisting() || c.closedWallMillis() < c.openedWallMillis()) {
        continue; // an attach-time connection's real start is unknown
      }
      byKey.computeIfAbsent(connKey(c), x -> new java.util.ArrayList<>())
          .add((c.closedWallMillis() - c.openedWallMillis()) / 1000.0);
    }
    String name = "libp2p_swarm_connection_duration_seconds";
    w.family(name, "histogram", "Duration of closed connections");
    byKey.forEach((k, values) -> {
      String[] base = labels(k);
      double sum = 0;
      for (double v : values) {
        sum += v;
      }
      for (double le : DURATION_BUCKETS) {
        long n = values.stream().filter(v -> v <= le).count();
        w.sample(name + "_bucket", n, with(base, "le", PromWriter.format(le)));
      }
      w.sample(name + "_bucket", values.size(), with(base, "le", "+Inf"));
      w.sample(name + "_sum", sum, base);
      w.sample(name + "_count", values.size(), base);
    });
  }

  private static String[] with(String[] labels, String name, String value) {
    String[] out = java.util.Arrays.copyOf(labels, labels.length + 2);
    out[labels.length] = name;
    out[labels.length + 1] = value;
    return out;
  }

  private static String[] labels(ConnKey k) {
    return new String[] {"dir", k.dir(), "transport", k.transport(), "security", k.security(),
        "muxer", k.muxer(), "ip_version", k.ip()};
  }

  private static void identify(PromWriter w, Snapshot s) {
    // go-libp2p reports what the local host advertises; with several local nodes, the largest.
    int protocols = 0;
    int addrs = 0;
    for (IdentifySent d : s.disclosed().values()) {
      protocols = Math.max(protocols, d.protocols().size());
      addrs = Math.max(addrs, d.listenAddrs().size());
    }
    // go-libp2p names these libp2p_identify_protocols_count and libp2p_identify_addrs_count,
    // which promtool's lint rejects (a "_count" suffix is reserved for histograms and
    // summaries); the same quantities are exported under lint-clean names instead.
    w.single("libp2p_privacy_identify_advertised_protocols", "gauge",
        "Number of protocols the local node advertises in identify", protocols);
    w.single("libp2p_privacy_identify_advertised_addresses", "gauge",
        "Number of listen addresses the local node advertises in identify", addrs);
  }

  private static void privacy(PromWriter w, ReportView v) {
    Snapshot s = v.snapshot();
    w.single("libp2p_privacy_risk_score", "gauge",
        "Overall privacy risk score in [0,1] (docs/detectors.md gives the formula)", v.riskScore());

    Map<String, Integer> findings = new TreeMap<>();
    for (FindingView f : v.findings()) {
      findings.merge(label(f.category()) + "\u0000" + label(f.severity()), 1, Integer::sum);
    }
    w.family("libp2p_privacy_findings", "gauge", "Current findings by category and severity");
    findings.forEach((k, n) -> {
      String[] parts = k.split("\u0000", 2);
      w.sample("libp2p_privacy_findings", n, "category", parts[0], "severity", parts[1]);
    });

    for (Map.Entry<String, Double> e : new TreeMap<>(v.anonymity()).entrySet()) {
      String[] known = ANONYMITY.get(e.getKey());
      String name = "libp2p_privacy_anonymity_"
          + (known == null ? PromWriter.sanitize(e.getKey()) : known[0]);
      w.single(name, "gauge", known == null ? "Anonymity measure " + e.getKey() : known[1],
          e.getValue());
    }
    w.single("libp2p_privacy_peers", "gauge", "Distinct remote peers in the analysis window",
        s.peers().size());
    w.single("libp2p_privacy_network_prefixes", "gauge",
        "Distinct remote network prefixes (/24 IPv4, /48 IPv6) in the analysis window",
        s.prefixes().size());
    w.single("libp2p_privacy_report_timestamp_seconds", "gauge",
        "When the current report was computed (Unix time)", v.generatedWallMillis() / 1000.0);
  }

  private static void collector(PromWriter w, CollectorCounters c) {
    w.single("libp2p_privacy_collector_events_accepted_total", "counter",
        "Events taken into the collector's aggregates", c.accepted());
    w.family("libp2p_privacy_collector_dropped_total", "counter",
        "Events or state the collector dropped or evicted, by reason");
    w.sample("libp2p_privacy_collector_dropped_total", c.droppedQueueFull(), "reason", "queue_full");
    w.sample("libp2p_privacy_collector_dropped_total", c.evictedConnections(),
        "reason", "evicted_connection");
    w.sample("libp2p_privacy_collector_dropped_total", c.evictedPeers(), "reason", "evicted_peer");
    w.sample("libp2p_privacy_collector_dropped_total", c.evictedStreams(),
        "reason", "evicted_stream");
    w.sample("libp2p_privacy_collector_dropped_total", c.evictedEvents(), "reason", "evicted_event");
    w.sample("libp2p_privacy_collector_dropped_total", c.evictedPrefixes(),
        "reason", "evicted_prefix");
    w.sample("libp2p_privacy_collector_dropped_total", c.untrackedConnections(),
        "reason", "untracked_connection");
    w.sample("libp2p_privacy_collector_dropped_total", c.eventsFileLost(),
        "reason", "events_file");
    w.single("libp2p_privacy_collector_memory_bytes", "gauge",
        "Estimated memory held by the collector's state", c.estimatedBytes());
    w.single("libp2p_privacy_collector_memory_cap_bytes", "gauge",
        "Configured cap on the collector's memory (0 when unknown)", c.memoryCapBytes());
    w.single("libp2p_privacy_collector_truncated_strings_total", "counter",
        "Untrusted strings cut to their size bound on ingestion", c.truncatedStrings());
    w.single("libp2p_privacy_input_skipped_lines_total", "counter",
        "Input lines skipped by lenient reading (offline analysis)", c.skippedLines());
    w.single("libp2p_privacy_input_unknown_types_total", "counter",
        "Input lines of an unknown event type", c.unknownTypes());
    w.single("libp2p_privacy_input_unknown_fields_total", "counter",
        "Unknown fields seen in input lines (reported, not silently dropped)", c.unknownFields());
  }

  static String dir(Direction d) {
    return d == null ? "unknown" : d.name().toLowerCase(Locale.ROOT);
  }

  static String ipVersion(String multiaddr) {
    if (multiaddr == null) {
      return "unknown";
    }
    if (multiaddr.startsWith("/ip4/")) {
      return "ip4";
    }
    if (multiaddr.startsWith("/ip6/")) {
      return "ip6";
    }
    return "unknown";
  }

  private static String label(String v) {
    return v == null || v.isEmpty() ? "unknown" : Bounded.text(v, MAX_LABEL);
  }
}
