package dev.privacyagent.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.privacyagent.analyzer.collect.Snapshot;
import java.util.List;
import java.util.Map;

/**
 * One immutable state of the report as the server sees it: the analyzer's verdict reduced to what
 * the page and the metrics need, the collector snapshot it was computed from, and the full report
 * JSON for API clients.
 *
 * @param version increases whenever the content changes; caches are keyed by it
 * @param generatedWallMillis when this view was computed (epoch ms)
 * @param riskScore overall risk in [0,1]
 * @param findings the findings, most severe first
 * @param anonymity named anonymity measures (e.g. effective anonymity set, degree of anonymity)
 * @param proofs the mock proofs, each as its JSON form
 * @param snapshot the collector state the report was computed from
 * @param report the analyzer's full report as JSON ({@link NullNode} when there is none)
 * @param nodes one view per local node (its own snapshot and report section), in report order;
 *     empty when the source has no per-node analysis
 */
public record ReportView(
    long version,
    long generatedWallMillis,
    double riskScore,
    List<FindingView> findings,
    Map<String, Double> anonymity,
    List<JsonNode> proofs,
    Snapshot snapshot,
    JsonNode report,
    List<NodeView> nodes) {

  /** One local node's own view. */
  public record NodeView(String node, String name, List<String> localPeers, ReportView view) {
    public NodeView {
      localPeers = List.copyOf(localPeers);
    }
  }

  /** A view without per-node analysis. */
  public ReportView(long version, long generatedWallMillis, double riskScore, List<FindingView> findings,
      Map<String, Double> anonymity, List<JsonNode> proofs, Snapshot snapshot, JsonNode report) {
    this(version, generatedWallMillis, riskScore, findings, anonymity, proofs, snapshot, report, List.of());
  }

  /** This view under another version number. */
  public ReportView withVersion(long newVersion) {
    return new ReportView(newVersion, generatedWallMillis, riskScore, findings, anonymity, proofs, snapshot,
        report, nodes);
  }

  /** The view of the node whose peer id, or else name, is {@code idOrName}; null when none. */
  public NodeView node(String idOrName) {
    for (NodeView n : nodes) {
      if (n.node().equals(idOrName)) {
        return n;
      }
    }
    for (NodeView n : nodes) {
      if (n.name().equals(idOrName)) {
        return n;
      }
    }
    return null;
  }

  public ReportView {
    if (!(riskScore >= 0 && riskScore <= 1)) {
      throw new IllegalArgumentException("riskScore must be in [0,1]: " + riskScore);
    }
    findings = List.copyOf(findings);
    anonymity = Map.copyOf(anonymity);
    proofs = List.copyOf(proofs);
    report = report == null ? NullNode.getInstance() : report.deepCopy();
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }
}
