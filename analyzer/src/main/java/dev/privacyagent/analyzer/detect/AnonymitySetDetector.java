package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.PeerStats;
import dev.privacyagent.analyzer.collect.PrefixStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.report.AnonymityMeasures;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * How many peers and networks our traffic is spread over, in the entropy sense of Diaz et al.
 * (2002) and Serjantov and Danezis (2002): with p_i the share of traffic exchanged with peer i,
 * H = -sum p_i log2 p_i, the effective anonymity set is 2^H and the degree of anonymity is
 * H / log2 N. The same is computed over /24 and /48 prefixes, because peers in one prefix are
 * often one operator.
 */
public final class AnonymitySetDetector implements Detector {

  /**
   * @param minEffectiveSet k: fire when 2^H over peers is below it
   * @param minDegree fire when H/log2 N is below it (and N >= 4)
   * @param minEffectivePrefixes fire when 2^H over prefixes is below it
   * @param minTraffic traffic units (streams or connections) below which nothing is judged
   */
  public record Thresholds(
      double minEffectiveSet, double minDegree, double minEffectivePrefixes, long minTraffic) {
    public Thresholds {
      if (!(minEffectiveSet >= 1) || !(minDegree >= 0 && minDegree <= 1)
          || !(minEffectivePrefixes >= 1) || minTraffic < 1) {
        throw new IllegalArgumentException("invalid anonymity thresholds: " + minEffectiveSet
            + ", " + minDegree + ", " + minEffectivePrefixes + ", " + minTraffic);
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(8.0, 0.5, 4.0, 10);
    }
  }

  private final Thresholds t;

  public AnonymitySetDetector(Thresholds thresholds) {
    this.t = thresholds;
  }

  @Override
  public Category category() {
    return Category.ANONYMITY_SET;
  }

  /** The anonymity measures of {@code s}; shares count streams, or connections if no stream. */
  public static AnonymityMeasures measure(Snapshot s) {
    long streams = 0;
    for (PeerStats p : s.peers().values()) {
      streams += p.streams();
    }
    boolean byStreams = streams > 0;
    long[] peerCounts = new long[s.peers().size()];
    int i = 0;
    long total = 0;
    long top = 0;
    long n = 0;
    for (PeerStats p : s.peers().values()) {
      long c = byStreams ? p.streams() : p.connectionsOpened();
      peerCounts[i++] = c;
      total += c;
      top = Math.max(top, c);
      if (c > 0) {
        n++;
      }
    }
    if (total == 0) {
      return AnonymityMeasures.empty();
    }
    long prefixTotalStreams = 0;
    for (PrefixStats ps : s.prefixes().values()) {
      prefixTotalStreams += ps.streams();
    }
    long[] prefixCounts = new long[s.prefixes().size()];
    int j = 0;
    long prefixes = 0;
    for (PrefixStats ps : s.prefixes().values()) {
      long c = prefixTotalStreams > 0 ? ps.streams() : ps.peers();
      prefixCounts[j++] = c;
      if (c > 0) {
        prefixes++;
      }
    }
    double h = Entropy.bits(peerCounts);
    double hMax = n > 1 ? Entropy.log2(n) : 0.0;
    double hPrefix = Entropy.bits(prefixCounts);
    return new AnonymityMeasures(
        n,
        prefixes,
        byStreams ? "streams" : "connections",
        total,
        h,
        hMax,
        Math.pow(2, h),
        hMax > 0 ? Math.min(1.0, h / hMax) : 0.0,
        hPrefix,
        prefixes > 0 ? Math.pow(2, hPrefix) : 0.0,
        (double) top / total);
  }

  @Override
  public List<Finding> detect(Snapshot s) {
    AnonymityMeasures m = measure(s);
    List<Finding> out = new ArrayList<>();
    if (m.totalTraffic() < t.minTraffic()) {
      return out;
    }
    double confidence = (double) m.totalTraffic() / (m.totalTraffic() + t.minTraffic());
    Evidence base =
        Evidence.of()
            .put("distinctPeers", m.distinctPeers())
            .put("trafficUnit", m.trafficUnit())
            .put("totalTraffic", m.totalTraffic())
            .put("entropyBits", round3(m.entropyBits()))
            .put("maxEntropyBits", round3(m.maxEntropyBits()))
            .put("effectiveAnonymitySet", round3(m.effectiveAnonymitySet()))
            .put("degreeOfAnonymity", round3(m.degreeOfAnonymity()))
            .put("topPeerShare", round3(m.topPeerShare()))
            .put("k", t.minEffectiveSet());
    if (m.effectiveAnonymitySet() < t.minEffectiveSet()) {
      Severity sev = m.effectiveAnonymitySet() < t.minEffectiveSet() / 2 ? Severity.HIGH : Severity.MEDIUM;
      out.add(new Finding(
          "anonymity.small-set",
          Category.ANONYMITY_SET,
          sev,
          confidence,
          String.format(
              "Traffic is spread over an effective anonymity set of %.1f peers (2^H, H = %.2f bits over %d peers), below k = %.0f",
              m.effectiveAnonymitySet(), m.entropyBits(), m.distinctPeers(), t.minEffectiveSet()),
          base.build(),
          "Connect to more, and more diverse, peers (raise the connection low-water mark) so that no small group of peers sees most of the node's traffic."));
    } else if (m.distinctPeers() >= 4 && m.degreeOfAnonymity() < t.minDegree()) {
      out.add(new Finding(
          "anonymity.skewed-share",
          Category.ANONYMITY_SET,
          Severity.MEDIUM,
          confidence,
          String.format(
              "Traffic share is skewed: degree of anonymity H/log2 N = %.2f (below %.2f); the busiest peer carries %.0f%% of %s",
              m.degreeOfAnonymity(), t.minDegree(), 100 * m.topPeerShare(), m.trafficUnit()),
          base.build(),
          "Balance requests across peers instead of favouring a few; a peer that sees most of the traffic can profile the node."));
    }
    if (m.distinctPrefixes() > 0 && m.effectivePrefixSet() < t.minEffectivePrefixes()) {
      out.add(new Finding(
          "anonymity.prefix-concentration",
          Category.ANONYMITY_SET,
          Severity.MEDIUM,
          confidence,
          String.format(
              "Peers come from an effective %.1f network prefixes (/24, /48; %d distinct), below %.0f: one network operator may see most of the traffic",
              m.effectivePrefixSet(), m.distinctPrefixes(), t.minEffectivePrefixes()),
          Evidence.of()
              .put("distinctPrefixes", m.distinctPrefixes())
              .put("prefixEntropyBits", round3(m.prefixEntropyBits()))
              .put("effectivePrefixSet", round3(m.effectivePrefixSet()))
              .put("minEffectivePrefixes", t.minEffectivePrefixes())
              .list("prefixes", s.prefixes().keySet().stream().sorted().toList())
              .build(),
          "Prefer peers in diverse networks (limit peers per /24 and /48, as Bitcoin Core does with its address buckets)."));
    }
    return out;
  }

  static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
