package dev.privacyagent.analyzer.render;

import dev.privacyagent.analyzer.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Turns a report into one output format. Implementations are stateless and thread-safe. */
public interface ReportRenderer {

  /** Media type of the output, for HTTP and file naming. */
  String contentType();

  void render(Report report, Appendable out) throws IOException;

  default String render(Report report) {
    StringBuilder sb = new StringBuilder(16 * 1024);
    try {
      render(report, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  /** The renderer for {@code console}, {@code json} or {@code html} (any case). */
  static ReportRenderer forFormat(String format) {
    return switch (format == null ? "" : format.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "console" -> new ConsoleRenderer();
      case "json" -> new JsonRenderer();
      case "html" -> new HtmlRenderer();
      default -> throw new IllegalArgumentException(
          "unknown format '" + format + "' (expected console, json or html)");
    };
  }
}
