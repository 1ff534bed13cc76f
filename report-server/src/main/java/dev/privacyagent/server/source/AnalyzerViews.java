package dev.privacyagent.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.privacyagent.analyzer.collect.NodeSnapshot;
import dev.privacyagent.analyzer.collect.NodeSnapshots;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.report.NodeSection;
import dev.privacyagent.analyzer.proof.Proof;
import dev.privacyagent.analyzer.render.JsonRenderer;
import dev.privacyagent.analyzer.report.AnonymityMeasures;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Adapts the analyzer's {@link Report} to what the server shows: findings with lower-case
 * severities and evidence as short lines, the anonymity measures by name, proofs and the full
 * report in the analyzer's own JSON form ({@link JsonRenderer}).
 */
public final class AnalyzerViews {
  private AnalyzerViews() {}

  /** The view of {@code report} with one node view per section (matched to its snapshot). */
  public static ReportView view(long version, NodeSnapshots snapshots, Report report) {
    ReportView all = view(version, snapshots.all(), report);
    List<ReportView.NodeView> nodes = new ArrayList<>();
    for (NodeSection sec : report.nodes()) {
      NodeSnapshot ns = snapshots.nodes().stream().filter(n -> n.node().equals(sec.node())).findFirst().orElse(null);
      if (ns != null) {
        nodes.add(new ReportView.NodeView(sec.node(), sec.name(), sec.localPeers(),
            view(version, ns.snapshot(), sec.report())));
      }
    }
    return new ReportView(all.version(), all.generatedWallMillis(), all.riskScore(), all.findings(),
        all.anonymity(), all.proofs(), all.snapshot(), all.report(), nodes);
  }

  public static ReportView view(long version, Snapshot snapshot, Report report) {
    ObjectMapper m = JsonRenderer.mapper();
    List<FindingView> findings = report.findings().stream().map(AnalyzerViews::finding).toList();
    List<JsonNode> proofs = new ArrayList<>();
    for (Proof p : report.proofs()) {
      proofs.add(m.valueToTree(p));
    }
    long generated = snapshot.takenWallMillis() > 0 ? snapshot.takenWallMillis()
        : System.currentTimeMillis();
    return new ReportView(version, generated, report.riskScore(), findings,
        anonymity(report.anonymity()), proofs, snapshot, m.valueToTree(report));
  }

  static FindingView finding(Finding f) {
    List<String> evidence = new ArrayList<>();
    for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
      Object v = e.getValue();
      String text = v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf)
          .toList()) : v instanceof Double d ? round(d) : String.valueOf(v);
      evidence.add(e.getKey() + ": " + text);
    }
    return new FindingView(f.id(), f.category().name(),
        f.severity().name().toLowerCase(Locale.ROOT), f.confidence(), f.summary(),
        f.recommendation(), evidence);
  }

  private static String round(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
        : new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros()
            .toPlainString();
  }

  static Map<String, Double> anonymity(AnonymityMeasures a) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("effectiveAnonymitySet", a.effectiveAnonymitySet());
    m.put("degreeOfAnonymity", a.degreeOfAnonymity());
    m.put("entropyBits", a.entropyBits());
    m.put("maxEntropyBits", a.maxEntropyBits());
    m.put("distinctPeers", (double) a.distinctPeers());
    m.put("distinctPrefixes", (double) a.distinctPrefixes());
    m.put("effectivePrefixSet", a.effectivePrefixSet());
    m.put("topPeerShare", a.topPeerShare());
    return m;
  }

  /**
   * Reads a proof from its JSON form.
   *
   * @throws IllegalArgumentException when the JSON does not have the proof's shape
   */
  public static Proof proof(JsonNode json) {
    try {
      Proof p = JsonRenderer.mapper().treeToValue(json, Proof.class);
      if (p == null) {
        throw new IllegalArgumentException("empty proof");
      }
      return p;
    } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException(
          "expected statement, threshold, holds, claimedValue, saltHex, commitmentHex");
    }
  }
}
