package dev.privacyagent.analyzer.detect.gossip;

import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.detect.Detector;
import dev.privacyagent.analyzer.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A gossip detector is a function of one local node's {@link GossipView}; over a snapshot of
 * several nodes it runs per node and qualifies each finding id with the node.
 */
public abstract class PerNodeGossipDetector implements Detector {

  /** Findings for one node; {@code suffix} ("" or ":node") ends every finding id. */
  public abstract List<Finding> detect(GossipView view, String suffix);

  @Override
  public final List<Finding> detect(Snapshot s) {
    List<Finding> out = new ArrayList<>();
    boolean multi = s.gossip().size() > 1;
    for (var e : new TreeMap<>(s.gossip()).entrySet()) {
      out.addAll(detect(e.getValue(), multi ? ":" + e.getKey() : ""));
    }
    return out;
  }

  static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  /** Grows with the evidence: 2 cases give 0.5, 18 give 0.9. */
  static double confidence(long n) {
    return n / (n + 2.0);
  }
}
