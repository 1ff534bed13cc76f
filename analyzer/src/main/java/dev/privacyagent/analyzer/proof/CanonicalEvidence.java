package dev.privacyagent.analyzer.proof;

import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Report;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical serialization of the part of a report a statement rests on: sorted {@code
 * key=value} lines, strings escaped, doubles in {@link Double#toString} form (which survives a
 * JSON round trip exactly). Every statement also binds the report's identity (time, window,
 * local nodes) so a proof cannot be replayed against another report with equal numbers.
 */
final class CanonicalEvidence {
  private CanonicalEvidence() {}

  static String of(ProofStatement statement, Report report) {
    TreeMap<String, String> kv = new TreeMap<>();
    kv.put("report.generatedAt", report.generatedAt());
    kv.put("report.window", report.window().fromWallMillis() + ".." + report.window().toWallMillis());
    kv.put("report.localNodes", String.join(",", report.localNodes()));
    switch (statement) {
      case ANONYMITY_SET_AT_LEAST -> {
        var a = report.anonymity();
        kv.put("anonymity.distinctPeers", Long.toString(a.distinctPeers()));
        kv.put("anonymity.distinctPrefixes", Long.toString(a.distinctPrefixes()));
        kv.put("anonymity.trafficUnit", a.trafficUnit());
        kv.put("anonymity.totalTraffic", Long.toString(a.totalTraffic()));
        kv.put("anonymity.entropyBits", Double.toString(a.entropyBits()));
        kv.put("anonymity.effectiveAnonymitySet", Double.toString(a.effectiveAnonymitySet()));
        kv.put("anonymity.degreeOfAnonymity", Double.toString(a.degreeOfAnonymity()));
      }
      case RISK_SCORE_AT_MOST -> {
        kv.put("risk.score", Double.toString(report.riskScore()));
        List<Finding> sorted =
            report.findings().stream().sorted(Comparator.comparing(Finding::id)).toList();
        for (int i = 0; i < sorted.size(); i++) {
          Finding f = sorted.get(i);
          kv.put(
              String.format("risk.finding.%06d", i),
              f.id() + "|" + f.category() + "|" + f.severity() + "|" + f.confidence());
        }
      }
      case NO_TIMING_CORRELATION -> {
        List<String> ids = report.findings(Category.TIMING).stream().map(Finding::id).sorted().toList();
        kv.put("timing.findings", String.join(",", ids));
        kv.put("timing.eventsInRing", Long.toString(report.totals().eventsInRing()));
        kv.put("timing.eventsAccepted", Long.toString(report.totals().eventsAccepted()));
      }
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : kv.entrySet()) {
      out.append(escape(e.getKey())).append('=').append(escape(e.getValue())).append('\n');
    }
    return out.toString();
  }

  private static String escape(String s) {
    if (s == null) {
      return "\\0";
    }
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=");
  }
}
