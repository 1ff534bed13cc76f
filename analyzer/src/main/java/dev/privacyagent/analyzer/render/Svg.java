package dev.privacyagent.analyzer.render;

import dev.privacyagent.analyzer.report.ProtocolCount;
import dev.privacyagent.analyzer.report.Severity;
import dev.privacyagent.analyzer.report.Text;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Inline SVG charts; labels that come from the report are escaped with {@link Html#escape}. */
final class Svg {
  private Svg() {}

  /** A half-circle gauge filled to {@code risk} in [0,1], the number in the middle. */
  static void gauge(double risk, StringBuilder h) {
    double f = Math.max(0, Math.min(1, risk));
    double angle = Math.PI * (1 - f);
    double x = 100 + 80 * Math.cos(angle);
    double y = 100 - 80 * Math.sin(angle);
    String colour = risk >= 0.75 ? "#dc2626" : risk >= 0.4 ? "#ea580c" : risk >= 0.15 ? "#ca8a04" : "#16a34a";
    h.append("<svg viewBox=\"0 0 200 120\" width=\"220\" height=\"132\" role=\"img\" aria-label=\"risk score ")
        .append(String.format(Locale.ROOT, "%.2f", risk)).append("\">")
        .append("<path d=\"M20,100 A80,80 0 0 1 180,100\" fill=\"none\" stroke=\"#e2e8f0\" stroke-width=\"18\"/>");
    if (f > 0) {
      h.append(String.format(Locale.ROOT,
          "<path d=\"M20,100 A80,80 0 0 1 %.2f,%.2f\" fill=\"none\" stroke=\"%s\" stroke-width=\"18\"/>", x, y, colour));
    }
    h.append(String.format(Locale.ROOT,
        "<text x=\"100\" y=\"92\" text-anchor=\"middle\" style=\"font-size:30px;font-weight:700\">%.2f</text>"
            + "<text x=\"100\" y=\"114\" text-anchor=\"middle\">of 1.00</text></svg>\n", risk));
  }

  static void severityBars(Map<Severity, Long> counts, StringBuilder h) {
    long max = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
    int rowH = 24;
    h.append("<svg class=\"chart small\" viewBox=\"0 0 300 ").append(rowH * counts.size()).append("\" width=\"100%\" role=\"img\" aria-label=\"findings by severity\">");
    int i = 0;
    for (Map.Entry<Severity, Long> e : counts.entrySet()) {
      double w = 190.0 * e.getValue() / max;
      int y = i * rowH;
      h.append(String.format(Locale.ROOT,
          "<text x=\"0\" y=\"%d\">%s</text><rect x=\"75\" y=\"%d\" width=\"%.1f\" height=\"16\" rx=\"3\" fill=\"%s\"/>"
              + "<text x=\"%.1f\" y=\"%d\">%d</text>",
          y + 16, Html.escape(e.getKey().name()), y + 4, Math.max(w, 1.0), HtmlRenderer.colour(e.getKey()),
          80 + Math.max(w, 1.0), y + 16, e.getValue()));
      i++;
    }
    h.append("</svg>\n");
  }

  static void protocolBars(List<ProtocolCount> rows, StringBuilder h) {
    boolean byStreams = rows.stream().anyMatch(p -> p.streams() > 0);
    long max = Math.max(1, rows.stream().mapToLong(p -> byStreams ? p.streams() : p.peersAdvertising()).max().orElse(1));
    int rowH = 22;
    h.append("<p class=\"meta\">").append(byStreams ? "Streams per negotiated protocol" : "Peers advertising each protocol")
        .append(" (top ").append(rows.size()).append(")</p>\n");
    h.append("<svg class=\"chart\" viewBox=\"0 0 760 ").append(rowH * rows.size()).append("\" width=\"100%\" role=\"img\" aria-label=\"protocol distribution\">");
    int i = 0;
    for (ProtocolCount p : rows) {
      long v = byStreams ? p.streams() : p.peersAdvertising();
      double w = 250.0 * v / max;
      int y = i * rowH;
      h.append(String.format(Locale.ROOT,
          "<text x=\"0\" y=\"%d\">%s</text><rect x=\"300\" y=\"%d\" width=\"%.1f\" height=\"15\" rx=\"3\" fill=\"#2563eb\"/>"
              + "<text x=\"%.1f\" y=\"%d\">%s</text>",
          y + 15, Html.escape(Text.bound(p.protocolId(), 44)), y + 3, Math.max(w, 1.0), 306 + Math.max(w, 1.0), y + 15,
          Html.escape(p.streams() + " streams, advertised by " + p.peersAdvertising() + " peers")));
      i++;
    }
    h.append("</svg>\n");
  }
}
