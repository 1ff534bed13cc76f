package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strict schedules (see {@link TimingCorrelationDetector}). A series is the arrival times of one
 * protocol on one peer, or of one protocol over all peers of a node. With intervals d_i:
 * CV = sd(d) / mean(d). A series with at least minIntervals intervals, a mean interval of at
 * least the co-occurrence window (a schedule, not a burst) and CV <= maxCv is periodic.
 */
final class Periodicity {
  private Periodicity() {}

  record Series(String label, int intervals, double meanMillis, double cv) {}

  static List<Finding> find(TimingCorrelationDetector.Activity activity, TimingCorrelationDetector.Thresholds t) {
    // protocol -> periodic series
    TreeMap<String, List<Series>> periodic = new TreeMap<>();
    for (TimingCorrelationDetector.NodeSeries ns : activity.nodes()) {
      // Series keyed by (protocol index, peer); ALL_PEERS stands for the node-wide series.
      Map<String, Integer> protocolIndex = new HashMap<>();
      List<String> protocolNames = new ArrayList<>();
      Map<Long, Times> perKey = new HashMap<>();
      String[] protocols = ns.protocols();
      for (int i = 0; i < ns.times().length; i++) {
        String protocol = protocols[i];
        if (protocol == null) {
          continue;
        }
        Integer pi = protocolIndex.get(protocol);
        if (pi == null) {
          pi = protocolNames.size();
          protocolIndex.put(protocol, pi);
          protocolNames.add(protocol);
        }
        long hi = (long) pi << 32;
        perKey.computeIfAbsent(hi | (ns.peers()[i] & 0xffffffffL), k -> new Times()).add(ns.times()[i]);
        perKey.computeIfAbsent(hi | (ALL_PEERS & 0xffffffffL), k -> new Times()).add(ns.times()[i]);
      }
      for (Map.Entry<Long, Times> e : perKey.entrySet()) {
        Times times = e.getValue();
        if (times.n - 1 < t.minIntervals()) {
          continue;
        }
        int peer = (int) (long) e.getKey();
        String protocol = protocolNames.get((int) (e.getKey() >>> 32));
        String label = peer == ALL_PEERS ? ns.node() + " (all peers)"
            : peer >= 0 ? activity.peerIds().get(peer) : activity.connIds().get(-1 - peer);
        Series s = series(label, Arrays.copyOf(times.a, times.n));
        if (s != null && s.meanMillis() >= t.windowMillis() && s.cv() <= t.maxCv()) {
          periodic.computeIfAbsent(protocol, k -> new ArrayList<>()).add(s);
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    periodic.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, List<Series>> e) -> e.getValue().size()).reversed()
            .thenComparing(Map.Entry::getKey))
        .limit(t.maxPeriodicFindings())
        .forEach(e -> out.add(finding(e.getKey(), e.getValue(), t)));
    return out;
  }

  private static final int ALL_PEERS = Integer.MIN_VALUE;

  /** A growable array of event times. */
  private static final class Times {
    long[] a = new long[8];
    int n;

    void add(long v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }
  }

  static Series series(String label, long[] times) {
    Arrays.sort(times);
    int k = times.length - 1;
    double sum = 0;
    for (int i = 1; i < times.length; i++) {
      sum += times[i] - times[i - 1];
    }
    double mean = sum / k;
    if (mean <= 0) {
      return null;
    }
    double var = 0;
    for (int i = 1; i < times.length; i++) {
      double d = (times[i] - times[i - 1]) - mean;
      var += d * d;
    }
    double cv = Math.sqrt(var / k) / mean;
    return new Series(label, k, mean / 1e6, cv);
  }

  private static Finding finding(String protocol, List<Series> series, TimingCorrelationDetector.Thresholds t) {
    List<Series> sorted = new ArrayList<>(series);
    sorted.sort(Comparator.comparingDouble(Series::cv).thenComparing(Series::label));
    Series median = sorted.get(sorted.size() / 2);
    double confidence = (1 - median.cv() / t.maxCv()) * median.intervals() / (median.intervals() + (double) t.minIntervals());
    return new Finding(
        "timing.periodic:" + protocol,
        Category.TIMING,
        Severity.MEDIUM,
        Math.max(0.0, Math.min(1.0, confidence)),
        String.format(
            "%s runs on a strict schedule: %d series with a period of about %.0f ms and a coefficient of variation of %.3f (<= %.2f): the timer fingerprints the node",
            protocol, series.size(), median.meanMillis(), median.cv(), t.maxCv()),
        Evidence.of()
            .put("protocol", protocol)
            .put("periodicSeries", (long) series.size())
            .put("medianPeriodMillis", Math.round(median.meanMillis() * 10) / 10.0)
            .put("medianCv", Math.round(median.cv() * 10_000) / 10_000.0)
            .put("medianIntervals", (long) median.intervals())
            .put("maxCv", t.maxCv())
            .list("series", sorted.stream()
                .map(s -> String.format("%s period=%.1fms cv=%.4f intervals=%d", s.label(), s.meanMillis(), s.cv(), s.intervals()))
                .toList())
            .build(),
        "Add random jitter (for example +-20%) to periodic timers such as pings and heartbeats.");
  }
}
