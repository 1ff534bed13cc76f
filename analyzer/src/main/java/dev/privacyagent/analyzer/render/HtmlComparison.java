package dev.privacyagent.analyzer.render;

import static dev.privacyagent.analyzer.render.HtmlRenderer.t;

import dev.privacyagent.analyzer.report.NodeComparison;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.Severity;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The overview across local nodes: one table row per node, the cell of a node that is worse than
 * every other node in that column marked, each row's highlighted differences below its name, and
 * links to the nodes' own sections.
 */
final class HtmlComparison {
  private HtmlComparison() {}

  /** A column: its heading, its value, its format, and whether a larger value is the worse one. */
  private record Column(String heading, ToDoubleFunction<NodeComparison> value, String format, boolean higherIsWorse) {}

  private static final List<Column> COLUMNS = List.of(
      new Column("Risk", NodeComparison::riskScore, "%.2f", true),
      new Column("Critical", c -> c.severityCounts().get(Severity.CRITICAL), "%.0f", true),
      new Column("High", c -> c.severityCounts().get(Severity.HIGH), "%.0f", true),
      new Column("Medium", c -> c.severityCounts().get(Severity.MEDIUM), "%.0f", true),
      new Column("Low", c -> c.severityCounts().get(Severity.LOW), "%.0f", true),
      new Column("Peers", c -> c.peers(), "%.0f", false),
      new Column("Prefixes", c -> c.prefixes(), "%.0f", false),
      new Column("Anonymity set 2^H", NodeComparison::effectiveAnonymitySet, "%.2f", false),
      new Column("Degree", NodeComparison::degreeOfAnonymity, "%.3f", false),
      new Column("agentVersion bits", NodeComparison::agentVersionBits, "%.1f", true),
      new Column("Protocol-set bits", NodeComparison::protocolSetBits, "%.1f", true),
      new Column("Open conns", c -> c.openConnections(), "%.0f", false),
      new Column("Plaintext conns", c -> c.plaintextConnections(), "%.0f", true));

  static void render(Report r, StringBuilder h) {
    List<NodeComparison> rows = r.comparison();
    h.append("<section class=\"comparison\">\n<h2>Nodes side by side (").append(rows.size())
        .append(")</h2>\n<p class=\"meta\">Each node is analysed on its own events: its peers, its connections, its identify. ")
        .append("A marked cell is worse than every other node's.</p>\n<div class=\"scroll\"><table class=\"nodes\">\n<thead><tr><th>Node</th>");
    for (Column c : COLUMNS) {
      h.append("<th>").append(t(c.heading())).append("</th>");
    }
    h.append("<th>Findings by category</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < rows.size(); i++) {
      NodeComparison row = rows.get(i);
      h.append("<tr data-node=\"").append(t(row.node())).append("\"><td><a href=\"#node-").append(i).append("\">")
          .append(t(row.name())).append("</a>");
      for (String hl : row.highlights()) {
        h.append("<div class=\"highlight\">").append(t(hl)).append("</div>");
      }
      h.append("</td>");
      for (Column c : COLUMNS) {
        boolean worst = worstOnly(rows, i, c);
        h.append("<td class=\"num").append(worst ? " diff" : "").append("\">")
            .append(t(String.format(Locale.ROOT, c.format(), c.value().applyAsDouble(row)))).append("</td>");
      }
      h.append("<td>").append(t(ConsoleComparison.categories(row))).append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n</section>\n");
  }

  /** True when row {@code i} is strictly worse in {@code c} than every other row (and not just 0). */
  static boolean worstOnly(List<NodeComparison> rows, int i, Column c) {
    if (rows.size() < 2) {
      return false;
    }
    double v = c.value().applyAsDouble(rows.get(i));
    if (c.higherIsWorse() && v <= 0) {
      return false;
    }
    for (int j = 0; j < rows.size(); j++) {
      double o = c.value().applyAsDouble(rows.get(j));
      if (j != i && (c.higherIsWorse() ? o >= v : o <= v)) {
        return false;
      }
    }
    return true;
  }
}
