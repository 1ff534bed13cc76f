package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.NodeSnapshot;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.NodeComparison;
import dev.privacyagent.analyzer.report.NodeSection;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The overview across local nodes: one comparison row per node section, and the differences
 * that matter called out on the row of the node that has them.
 */
final class NodeComparisons {
  /** A risk this much above every other node's is called out. */
  static final double RISK_GAP = 0.2;
  /** An agentVersion of at least this many identifying bits is called out when no other has it. */
  static final double NOTABLE_BITS = 4.0;

  private NodeComparisons() {}

  /** The local nodes other than {@code self} that are among {@code self}'s peers. */
  static List<String> localPeers(NodeSnapshot self, List<NodeSnapshot> all) {
    List<String> out = new ArrayList<>();
    for (NodeSnapshot other : all) {
      if (!other.node().equals(self.node()) && self.snapshot().peers().containsKey(other.node())) {
        out.add(other.node());
      }
    }
    return out;
  }

  static List<NodeComparison> rows(
      List<NodeSection> sections, List<NodeSnapshot> snapshots, ProtocolFingerprintDetector fingerprint) {
    List<NodeComparison> base = new ArrayList<>(sections.size());
    for (int i = 0; i < sections.size(); i++) {
      NodeSection sec = sections.get(i);
      NodeSnapshot ns = snapshots.get(i);
      Report r = sec.report();
      long plaintext = 0;
      for (ConnectionStats c : ns.snapshot().connections().values()) {
        if (WeakTransportSecurityDetector.matches(c.security(), List.of("/plaintext/"))) {
          plaintext++;
        }
      }
      ProtocolFingerprintDetector.Bits bits = fingerprint.bits(ns.snapshot(), ns.node());
      base.add(new NodeComparison(
          sec.node(), sec.name(), r.riskScore(), byCategory(r.findings()), r.severityCounts(),
          r.anonymity().distinctPeers(), r.anonymity().distinctPrefixes(),
          round2(r.anonymity().effectiveAnonymitySet()), round3(r.anonymity().degreeOfAnonymity()),
          bits.agentVersionBits(), bits.protocolSetBits(), r.totals().openConnections(), plaintext, List.of()));
    }
    if (base.size() < 2) {
      return base;
    }
    List<NodeComparison> out = new ArrayList<>(base.size());
    for (NodeComparison row : base) {
      out.add(withHighlights(row, highlights(row, base)));
    }
    return out;
  }

  private static List<String> highlights(NodeComparison row, List<NodeComparison> all) {
    List<String> out = new ArrayList<>();
    List<NodeComparison> others = all.stream().filter(o -> o != row).toList();
    if (row.plaintextConnections() > 0 && others.stream().allMatch(o -> o.plaintextConnections() == 0)) {
      out.add("only node with plaintext connections (" + row.plaintextConnections() + ")");
    }
    for (Category c : Category.values()) {
      if (row.findingsByCategory().get(c) > 0 && others.stream().allMatch(o -> o.findingsByCategory().get(c) == 0)) {
        out.add("only node with " + c.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " findings");
      }
    }
    double maxOther = others.stream().mapToDouble(NodeComparison::riskScore).max().orElse(0);
    if (row.riskScore() >= maxOther + RISK_GAP) {
      out.add(String.format(Locale.ROOT, "highest risk: %.2f (next %.2f)", row.riskScore(), maxOther));
    }
    if (row.agentVersionBits() >= NOTABLE_BITS
        && others.stream().allMatch(o -> o.agentVersionBits() < NOTABLE_BITS)) {
      out.add(String.format(Locale.ROOT, "only identifying agentVersion: %.1f bits", row.agentVersionBits()));
    }
    double minOtherSet = others.stream().mapToDouble(NodeComparison::effectiveAnonymitySet).min().orElse(0);
    if (row.peers() > 0 && row.effectiveAnonymitySet() * 2 <= minOtherSet) {
      out.add(String.format(Locale.ROOT, "smallest anonymity set: %.1f (others at least %.1f)",
          row.effectiveAnonymitySet(), minOtherSet));
    }
    return out;
  }

  private static NodeComparison withHighlights(NodeComparison r, List<String> highlights) {
    return new NodeComparison(r.node(), r.name(), r.riskScore(), r.findingsByCategory(), r.severityCounts(),
        r.peers(), r.prefixes(), r.effectiveAnonymitySet(), r.degreeOfAnonymity(), r.agentVersionBits(),
        r.protocolSetBits(), r.openConnections(), r.plaintextConnections(), highlights);
  }

  private static Map<Category, Long> byCategory(List<Finding> findings) {
    Map<Category, Long> out = new EnumMap<>(Category.class);
    for (Finding f : findings) {
      if (f.severity() != Severity.INFO) {
        out.merge(f.category(), 1L, Long::sum);
      }
    }
    return out;
  }

  private static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }

  private static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
