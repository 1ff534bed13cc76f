package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Repeated co-occurrence of wire activity on connections to different peers (see {@link
 * TimingCorrelationDetector}). For a pair (a, b) with n_a and n_b events over a span T, window w:
 *
 * <pre>
 * co       = events of one that the other follows within w (each event counted once per pair)
 * expected = n_a (1 - e^(-n_b w / T)) + n_b (1 - e^(-n_a w / T))   (independent Poisson traffic)
 * lift     = co / expected,  ratio = min(1, co / min(n_a, n_b))
 * </pre>
 *
 * A pair is correlated when co >= minRepeats, ratio >= minRatio and lift >= minLift.
 */
final class CoOccurrence {
  private CoOccurrence() {}

  record Pair(int a, int b, int co, double expected, double lift, double ratio) {}

  static Optional<Finding> find(TimingCorrelationDetector.Activity activity, TimingCorrelationDetector.Thresholds t) {
    int conns = activity.connIds().size();
    long[] count = new long[conns];
    double[] span = new double[conns];
    int[] stamp = new int[conns];
    LongIntCounter pairs = new LongIntCounter(1024);
    long window = t.windowMillis() * 1_000_000L;
    long saturated = 0;
    long pairsRefused = 0;
    long wireEvents = 0;
    for (TimingCorrelationDetector.NodeSeries ns : activity.nodes()) {
      long[] times = ns.times();
      int[] cs = ns.conns();
      int[] ps = ns.peers();
      boolean[] wire = ns.wire();
      int n = times.length;
      if (n == 0) {
        continue;
      }
      double nodeSpan = Math.max(window, times[n - 1] - times[0]);
      Arrays.fill(stamp, -1);
      for (int i = 0; i < n; i++) {
        if (!wire[i]) {
          continue;
        }
        wireEvents++;
        int ci = cs[i];
        count[ci]++;
        span[ci] = nodeSpan;
        int scanned = 0;
        int j = i + 1;
        for (; j < n && times[j] - times[i] <= window; j++) {
          if (++scanned > t.maxNeighbours()) {
            saturated++;
            break;
          }
          if (!wire[j]) {
            continue;
          }
          int cj = cs[j];
          if (cj == ci || ps[j] == ps[i] || stamp[cj] == i) {
            continue;
          }
          stamp[cj] = i;
          long key = ci < cj ? ((long) ci << 32) | cj : ((long) cj << 32) | ci;
          if (!pairs.increment(key, t.maxPairs())) {
            pairsRefused++;
          }
        }
      }
    }
    List<Pair> correlated = new ArrayList<>();
    pairs.forEach((key, co) -> {
      if (co < t.minRepeats()) {
        return;
      }
      int a = (int) (key >>> 32);
      int b = (int) (key & 0xffffffffL);
      double na = count[a];
      double nb = count[b];
      double tSpan = Math.max(span[a], span[b]);
      double expected =
          na * (1 - Math.exp(-nb * window / tSpan)) + nb * (1 - Math.exp(-na * window / tSpan));
      double lift = co / Math.max(expected, 1e-9);
      double ratio = Math.min(1.0, co / Math.min(na, nb));
      if (ratio >= t.minRatio() && lift >= t.minLift()) {
        correlated.add(new Pair(a, b, co, expected, lift, ratio));
      }
    });
    if (correlated.isEmpty()) {
      return Optional.empty();
    }
    correlated.sort(Comparator.comparingDouble((Pair p) -> p.ratio() * (1 - 1 / p.lift())).reversed()
        .thenComparing(Pair::a).thenComparing(Pair::b));
    Pair best = correlated.get(0);
    TreeSet<String> peers = new TreeSet<>();
    List<String> shown = new ArrayList<>();
    for (Pair p : correlated) {
      String pa = peerOf(activity, p.a());
      String pb = peerOf(activity, p.b());
      peers.add(pa);
      peers.add(pb);
      shown.add(String.format("%s <-> %s: co=%d expected=%.2f lift=%.1f ratio=%.2f",
          pa, pb, p.co(), p.expected(), p.lift(), p.ratio()));
    }
    boolean high = correlated.size() >= 3 || (best.ratio() >= 0.9 && best.co() >= 3 * t.minRepeats());
    double confidence = Math.max(0.0, Math.min(1.0, best.ratio() * (1 - 1 / best.lift())));
    return Optional.of(new Finding(
        "timing.co-occurrence",
        Category.TIMING,
        high ? Severity.HIGH : Severity.MEDIUM,
        confidence,
        String.format(
            "%d pair(s) of connections to different peers are repeatedly active within %d ms of each other (best: %d times, %.0f%% of the rarer connection's events, %.0fx what independent traffic gives): an observer of both can link them",
            correlated.size(), t.windowMillis(), best.co(), 100 * best.ratio(), best.lift()),
        Evidence.of()
            .put("correlatedPairs", (long) correlated.size())
            .put("peersInvolved", (long) peers.size())
            .put("windowMillis", t.windowMillis())
            .put("bestCoOccurrences", (long) best.co())
            .put("bestLift", Math.round(best.lift() * 10) / 10.0)
            .put("bestRatio", Math.round(best.ratio() * 1000) / 1000.0)
            .put("wireEventsAnalysed", wireEvents)
            .put("saturatedScans", saturated)
            .put("pairsNotTracked", pairsRefused)
            .list("pairs", shown)
            .build(),
        "Add random delay (tens of ms) before relaying or answering on another connection, and batch outgoing work so activity on one connection does not predict another."));
  }

  private static String peerOf(TimingCorrelationDetector.Activity activity, int conn) {
    return activity.peerLabel(conn);
  }
}
