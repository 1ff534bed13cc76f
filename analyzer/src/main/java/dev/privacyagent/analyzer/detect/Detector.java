package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import java.util.List;

/**
 * One privacy detector: a pure function from a snapshot to findings, with its own thresholds.
 * Implementations are immutable and thread-safe.
 */
public interface Detector {

  /** The category of every finding this detector produces. */
  Category category();

  /** Findings in {@code snapshot}; empty when nothing crosses a threshold. Never null. */
  List<Finding> detect(Snapshot snapshot);
}
