package dev.privacyagent.analyzer.render;

import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.NodeComparison;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.Severity;
import dev.privacyagent.analyzer.report.Text;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/** The comparison across local nodes as a text table, the highlighted differences below it. */
final class ConsoleComparison {
  private ConsoleComparison() {}

  static void render(Report r, Appendable out) throws IOException {
    out.append("NODES SIDE BY SIDE (").append(Integer.toString(r.comparison().size()))
        .append(" local nodes, each analysed on its own events)\n");
    out.append(String.format(Locale.ROOT, "  %s %5s %-11s %5s %5s %7s %6s %6s %6s %5s %5s  %s%n",
        Text.cell("node", 18), "risk", "C/H/M/L", "peers", "pfx", "anonSet", "degree", "agentb", "protob",
        "open", "plain", "findings by category"));
    for (NodeComparison c : r.comparison()) {
      Map<Severity, Long> s = c.severityCounts();
      String sev = s.get(Severity.CRITICAL) + "/" + s.get(Severity.HIGH) + "/" + s.get(Severity.MEDIUM) + "/" + s.get(Severity.LOW);
      out.append(String.format(Locale.ROOT, "  %s %5.2f %-11s %5d %5d %7.2f %6.3f %6.1f %6.1f %5d %5d  %s%n",
          Text.cell(Text.printable(c.name()), 18), c.riskScore(), sev, c.peers(), c.prefixes(),
          c.effectiveAnonymitySet(), c.degreeOfAnonymity(), c.agentVersionBits(), c.protocolSetBits(),
          c.openConnections(), c.plaintextConnections(), categories(c)));
    }
    boolean any = false;
    for (NodeComparison c : r.comparison()) {
      for (String h : c.highlights()) {
        if (!any) {
          out.append("  differences:\n");
          any = true;
        }
        out.append("  ! ").append(Text.printable(c.name())).append(": ").append(Text.printable(h)).append('\n');
      }
    }
  }

  /** {@code timing 1, address_leakage 2}; {@code -} when there is none. */
  static String categories(NodeComparison c) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Category, Long> e : c.findingsByCategory().entrySet()) {
      if (e.getValue() > 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey().name().toLowerCase(Locale.ROOT))
            .append(' ').append(e.getValue());
      }
    }
    return sb.length() == 0 ? "-" : sb.toString();
  }
}
