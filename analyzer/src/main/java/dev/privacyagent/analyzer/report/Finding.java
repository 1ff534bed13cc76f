package dev.privacyagent.analyzer.report;

import java.util.Map;
import java.util.Objects;

/**
 * One privacy exposure found in a snapshot.
 *
 * @param id stable identifier, {@code category-prefix.kind[:qualifier]}, unique within a report
 * @param confidence how sure the detector is that the exposure is real, in [0,1]
 * @param summary one human sentence with the measured numbers
 * @param evidence ids, counts and measures behind the finding (see {@link Evidence})
 * @param recommendation what the operator can do about it
 */
public record Finding(
    String id,
    Category category,
    Severity severity,
    double confidence,
    String summary,
    Map<String, Object> evidence,
    String recommendation) {

  public Finding {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(recommendation, "recommendation");
    if (!(confidence >= 0.0 && confidence <= 1.0)) {
      throw new IllegalArgumentException("confidence must be in [0,1], was " + confidence);
    }
    id = Text.bound(id);
    summary = Text.bound(summary, 1024);
    evidence = evidence == null ? Map.of() : Evidence.copyOf(evidence);
  }
}
