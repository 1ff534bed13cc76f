package dev.privacyagent.server.metrics;

import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.NodeNames;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.Transports;
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
 * under {@code libp2p_privacy_}. Per-node series carry {@code node="NAME"}, one value per local
 * node (its configured name or a short form of its peer id); no label ever carries a remote peer
 * id or an IP address.
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
    List<Target> targets = targets(v);
    connections(w, targets);
    identify(w, targets);
    privacy(w, targets);
    GossipMetrics.render(w, gossipSources(v, targets));
    collector(w, v.snapshot().counters());
    return w.toString();
  }

  /**
   * The series of one local node, labelled {@code node="NAME"}; a view without nodes (nothing
   * seen yet, or an old source) is one target without the label.
   */
  private record Target(String node, ReportView view) {
    Snapshot snapshot() {
      return view.snapshot();
    }

    String[] labels(String... rest) {
      if (node == null) {
        return rest;
      }
      String[] out = new String[rest.length + 2];
      out[0] = "node";
      out[1] = node;
      System.arraycopy(rest, 0, out, 2, rest.length);
      return out;
    }
  }

  /** Per node its gossip view and report; without per-node analysis, every node of the one view. */
  private static List<GossipMetrics.Source> gossipSources(ReportView v, List<Target> targets) {
    List<GossipMetrics.Source> out = new java.util.ArrayList<>();
    for (Target t : targets) {
      for (var g : new TreeMap<>(t.snapshot().gossip()).entrySet()) {
        out.add(new GossipMetrics.Source(t.node() != null ? t.node() : label(NodeNames.shortForm(g.getKey())),
            g.getValue(), t.view().report().path("gossip")));
      }
    }
    return out;
  }

  private static List<Target> targets(ReportView v) {
    if (v.nodes().isEmpty()) {
      return List.of(new Target(null, v));
    }
    List<Target> out = new java.util.ArrayList<>(v.nodes().size());
    for (ReportView.NodeView n : v.nodes()) {
      out.add(new Target(label(n.name()), n.view()));
    }
    return out;
  }

  /** The muxer label of a transport that multiplexes streams itself (QUIC). */
  static final String NATIVE_STREAMS = "native";

  private record ConnKey(String dir, String transport, String security, String muxer, String ip) {}

  private static ConnKey connKey(ConnectionStats c) {
    // QUIC negotiates neither: its security is the TLS inside it, its streams are its own
    String muxer = c.muxer() == null && Transports.nativeStreams(c.transport()) ? NATIVE_STREAMS : c.muxer();
    return new ConnKey(dir(c.direction()), label(c.transport()),
        label(Transports.effectiveSecurity(c.transport(), c.security())), label(muxer), ipVersion(c.remoteAddr()));
  }

  private static void connections(PromWriter w, List<Target> targets) {
    List<Map<ConnKey, long[]>> byKeys = new java.util.ArrayList<>();
    long[][] open = new long[targets.size()][2];
    for (int i = 0; i < targets.size(); i++) {
      Map<ConnKey, long[]> byKey = new TreeMap<>(java.util.Comparator.comparing(ConnKey::toString));
      for (ConnectionStats c : targets.get(i).snapshot().connections().values()) {
        long[] counts = byKey.computeIfAbsent(connKey(c), x -> new long[2]);
        counts[0]++;
        if (!c.open()) {
          counts[1]++;
        } else if (c.direction() == Direction.INBOUND) {
          open[i][0]++;
        } else if (c.direction() == Direction.OUTBOUND) {
          open[i][1]++;
        }
      }
      byKeys.add(byKey);
    }
    w.family("libp2p_swarm_connections_opened_total", "counter",
        "Connections opened, as observed by the privacy agent");
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      byKeys.get(i).forEach((k, c) -> w.sample("libp2p_swarm_connections_opened_total", c[0], t.labels(labels(k))));
    }
    w.family("libp2p_swarm_connections_closed_total", "counter",
        "Connections closed, as observed by the privacy agent");
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      byKeys.get(i).forEach((k, c) -> w.sample("libp2p_swarm_connections_closed_total", c[1], t.labels(labels(k))));
    }
    durations(w, targets);
    w.family("libp2p_rcmgr_connections", "gauge", "Number of open connections");
    for (int i = 0; i < targets.size(); i++) {
      Target t = targets.get(i);
      w.sample("libp2p_rcmgr_connections", open[i][0], t.labels("dir", "inbound", "scope", "system"));
      w.sample("libp2p_rcmgr_connections", open[i][1], t.labels("dir", "outbound", "scope", "system"));
    }

    w.family("libp2p_privacy_protocol_streams_total", "counter",
        "Streams that negotiated each protocol; the least used are summed under protocol=\"other\"");
    for (Target t : targets) {
      List<Map.Entry<String, Long>> protos = t.snapshot().protocols().entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
              .thenComparing(Map.Entry.comparingByKey()))
          .toList();
      long other = 0;
      for (int i = 0; i < protos.size(); i++) {
        if (i < MAX_PROTOCOL_LABELS) {
          w.sample("libp2p_privacy_protocol_streams_total", protos.get(i).getValue(),
              t.labels("protocol", label(protos.get(i).getKey())));
        } else {
          other += protos.get(i).getValue();
        }
      }
      if (other > 0) {
        w.sample("libp2p_privacy_protocol_streams_total", other, t.labels("protocol", "other"));
      }
    }
  }

  /** go-libp2p's buckets for connection durations: 1/16 s doubling 25 times (up to 24 days). */
  static final double[] DURATION_BUCKETS = new double[25];

  static {
    for (int i = 0; i < DURATION_BUCKETS.length; i++) {
      DURATION_BUCKETS[i] = Math.scalb(1.0 / 16, i);
    }
  }

  private static void durations(PromWriter w, List<Target> targets) {
    String name = "libp2p_swarm_connection_duration_seconds";
    w.family(name, "histogram", "Duration of closed connections");
    for (Target t : targets) {
      Map<ConnKey, List<Double>> byKey = new TreeMap<>(
          java.util.Comparator.comparing(ConnKey::toString));
      for (ConnectionStats c : t.snapshot().connections().values()) {
        if (c.open() || c.preexisting() || c.closedWallMillis() < c.openedWallMillis()) {
          continue; // an attach-time connection's real start is unknown
        }
        byKey.computeIfAbsent(connKey(c), x -> new java.util.ArrayList<>())
            .add((c.closedWallMillis() - c.openedWallMillis()) / 1000.0);
      }
      byKey.forEach((k, values) -> {
        String[] base = t.labels(labels(k));
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

  /** One gauge family with one sample per target. */
  private static void perNode(PromWriter w, List<Target> targets, String name, String help,
      java.util.function.ToDoubleFunction<Target> value) {
    w.family(name, "gauge", help);
    for (Target t : targets) {
      w.sample(name, value.applyAsDouble(t), t.labels());
    }
  }

  private static void identify(PromWriter w, List<Target> targets) {
    // go-libp2p names these libp2p_identify_protocols_count and libp2p_identify_addrs_count,
    // which promtool's lint rejects (a "_count" suffix is reserved for histograms and
    // summaries); the same quantities are exported under lint-clean names instead.
    perNode(w, targets, "libp2p_privacy_identify_advertised_protocols",
        "Number of protocols the local node advertises in identify",
        t -> t.snapshot().disclosed().values().stream().mapToInt(d -> d.protocols().size()).max().orElse(0));
    perNode(w, targets, "libp2p_privacy_identify_advertised_addresses",
        "Number of listen addresses the local node advertises in identify",
        t -> t.snapshot().disclosed().values().stream().mapToInt(d -> d.listenAddrs().size()).max().orElse(0));
  }

  private static void privacy(PromWriter w, List<Target> targets) {
    perNode(w, targets, "libp2p_privacy_risk_score",
        "Overall privacy risk score in [0,1] (docs/detectors.md gives the formula)", t -> t.view().riskScore());

    w.family("libp2p_privacy_findings", "gauge", "Current findings by category and severity");
    for (Target t : targets) {
      Map<String, Integer> findings = new TreeMap<>();
      for (FindingView f : t.view().findings()) {
        findings.merge(label(f.category()) + "\u0000" + label(f.severity()), 1, Integer::sum);
      }
      findings.forEach((k, n) -> {
        String[] parts = k.split("\u0000", 2);
        w.sample("libp2p_privacy_findings", n, t.labels("category", parts[0], "severity", parts[1]));
      });
    }

    for (String key : new java.util.TreeSet<>(targets.get(0).view().anonymity().keySet())) {
      String[] known = ANONYMITY.get(key);
      String name = "libp2p_privacy_anonymity_" + (known == null ? PromWriter.sanitize(key) : known[0]);
      perNode(w, targets, name, known == null ? "Anonymity measure " + key : known[1],
          t -> t.view().anonymity().getOrDefault(key, 0.0));
    }
    perNode(w, targets, "libp2p_privacy_peers", "Distinct remote peers in the analysis window",
        t -> t.snapshot().peers().size());
    perNode(w, targets, "libp2p_privacy_network_prefixes",
        "Distinct remote network prefixes (/24 IPv4, /48 IPv6) in the analysis window",
        t -> t.snapshot().prefixes().size());
    perNode(w, targets, "libp2p_privacy_report_timestamp_seconds",
        "When the current report was computed (Unix time)", t -> t.view().generatedWallMillis() / 1000.0);
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
