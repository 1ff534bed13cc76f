package dev.privacyagent.analyzer.report;

import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.proof.MockProofSystem;
import dev.privacyagent.analyzer.proof.Proof;
import dev.privacyagent.analyzer.report.gossip.GossipSection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a privacy analysis found about one snapshot; rendered as console text, JSON and
 * HTML, and served by the HTTP API. Immutable.
 *
 * @param schemaVersion version of this model's JSON form
 * @param generatedAt ISO-8601 instant the snapshot was taken
 * @param riskScore overall risk in [0,1], see {@link RiskScore}
 * @param riskFormula {@link RiskScore#FORMULA}, so a reader of the JSON can reproduce the score
 * @param findings most severe first, then most confident, then by id
 * @param severityCounts findings per severity, every severity present, CRITICAL first
 * @param peers the peer table, largest traffic share first, bounded in length ({@code
 *     totals.peers} holds the full count)
 * @param protocols per protocol id, most streams first, bounded in length
 * @param counters collector counters, drops and evictions
 * @param droppedTotal {@link CollectorCounters#totalDropped()}
 * @param proofs mock proofs over this report's evidence
 * @param proofNotice {@link MockProofSystem#NOTICE}
 * @param notes remarks about the input (unknown types or fields, skipped lines, a window the raw
 *     event ring did not fully cover), bounded
 * @param nodes one section per local node, each that node's own analysis, in the order of
 *     {@code localNodes}; empty inside a section itself (and in reports written before sections
 *     existed). The fields above describe all nodes' events together.
 * @param comparison one row per node of {@code nodes}, same order: the overview across nodes
 * @param gossip one gossip section per local node that produced gossip events (empty without)
 */
public record Report(
    int schemaVersion,
    String generatedAt,
    ReportWindow window,
    List<String> localNodes,
    double riskScore,
    String riskFormula,
    List<Finding> findings,
    Map<Severity, Long> severityCounts,
    Totals totals,
    AnonymityMeasures anonymity,
    List<PeerRow> peers,
    List<ProtocolCount> protocols,
    CollectorCounters counters,
    long droppedTotal,
    List<Proof> proofs,
    String proofNotice,
    List<String> notes,
    List<NodeSection> nodes,
    List<NodeComparison> comparison,
    List<GossipSection> gossip) {

  public static final int SCHEMA_VERSION = 1;

  public Report {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(totals, "totals");
    Objects.requireNonNull(anonymity, "anonymity");
    Objects.requireNonNull(counters, "counters");
    if (!(riskScore >= 0.0 && riskScore <= 1.0)) {
      throw new IllegalArgumentException("riskScore must be in [0,1], was " + riskScore);
    }
    localNodes = List.copyOf(localNodes);
    findings = List.copyOf(findings);
    severityCounts = countBySeverity(findings);
    peers = List.copyOf(peers);
    protocols = List.copyOf(protocols);
    proofs = proofs == null ? List.of() : List.copyOf(proofs);
    notes = notes == null ? List.of() : notes.stream().map(n -> Text.bound(n, 512)).toList();
    gossip = gossip == null ? List.of() : List.copyOf(gossip);
    riskFormula = RiskScore.FORMULA;
    proofNotice = MockProofSystem.NOTICE;
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    comparison = comparison == null ? List.of() : List.copyOf(comparison);
  }

  /** This report with {@code newProofs} in place of its proofs. */
  public Report withProofs(List<Proof> newProofs) {
    return new Report(
        schemaVersion, generatedAt, window, localNodes, riskScore, riskFormula, findings,
        severityCounts, totals, anonymity, peers, protocols, counters, droppedTotal, newProofs,
        proofNotice, notes, nodes, comparison, gossip);
  }

  /** This report with {@code sections} and their {@code rows} of comparison. */
  public Report withNodes(List<NodeSection> sections, List<NodeComparison> rows) {
    return new Report(
        schemaVersion, generatedAt, window, localNodes, riskScore, riskFormula, findings,
        severityCounts, totals, anonymity, peers, protocols, counters, droppedTotal, proofs,
        proofNotice, notes, sections, rows, gossip);
  }

  /** The section of the node whose peer id or name is {@code idOrName}, or null. */
  public NodeSection node(String idOrName) {
    for (NodeSection n : nodes) {
      if (n.node().equals(idOrName)) {
        return n;
      }
    }
    for (NodeSection n : nodes) {
      if (n.name().equals(idOrName)) {
        return n;
      }
    }
    return null;
  }

  public List<Finding> findings(Category category) {
    return findings.stream().filter(f -> f.category() == category).toList();
  }

  private static Map<Severity, Long> countBySeverity(List<Finding> findings) {
    EnumMap<Severity, Long> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0L);
    }
    for (Finding f : findings) {
      counts.merge(f.severity(), 1L, Long::sum);
    }
    LinkedHashMap<Severity, Long> ordered = new LinkedHashMap<>();
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity s = Severity.values()[i];
      ordered.put(s, counts.get(s));
    }
    return java.util.Collections.unmodifiableMap(ordered);
  }
}
