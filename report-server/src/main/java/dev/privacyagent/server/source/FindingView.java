package dev.privacyagent.server.source;

import java.util.List;

/**
 * One finding as the page and the metrics show it.
 *
 * @param severity one of {@code info, low, medium, high, critical} (lower case)
 * @param evidence short human lines (ids, counts) that back the finding
 */
public record FindingView(
    String id,
    String category,
    String severity,
    double confidence,
    String summary,
    String recommendation,
    List<String> evidence) {

  public FindingView {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }
}
