package dev.privacyagent.analyzer.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.detect.AnalyzerConfig;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.detect.ReferencePopulation;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.Severity;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the score means: the mainnet-like baseline scores low with nothing of medium or higher,
 * and each misconfiguration on top of it raises findings of its own category only (the table of
 * docs/detectors.md, one row per test).
 */
class CalibrationTest {
  /** The bound the baseline stays under, over every seed tried (docs/detectors.md states it). */
  static final double BASELINE_BOUND = 0.2;

  static Report analyze(Misconfiguration m, long seed) {
    MetadataCollector c = new MetadataCollector();
    new TrafficSimulator(seed, BaselineTraffic.PEERS).baseline(m).forEach(c::ingest);
    return new PrivacyAnalyzer(AnalyzerConfig.defaults(), ReferencePopulation.ethereumConsensus2023())
        .analyze(c.nodeSnapshots());
  }

  static String describe(Report r) {
    return "risk " + r.riskScore() + "\n" + r.findings().stream()
        .map(f -> f.severity() + " " + f.id() + " (" + f.confidence() + "): " + f.summary())
        .collect(Collectors.joining("\n"));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void baselineScoresLowWithNothingOfMediumOrAbove(long seed) {
    Report r = analyze(Misconfiguration.NONE, seed);
    assertThat(r.totals().peers()).isGreaterThanOrEqualTo(BaselineTraffic.PEERS);
    assertThat(r.totals().prefixes()).isGreaterThanOrEqualTo(90);
    assertThat(r.riskScore()).as(describe(r)).isLessThan(BASELINE_BOUND);
    assertThat(r.findings()).as(describe(r)).noneMatch(f -> f.severity().atLeast(Severity.MEDIUM));
  }

  @ParameterizedTest
  @EnumSource(value = Misconfiguration.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  void eachMisconfigurationRaisesItsOwnFindingAndNoOther(Misconfiguration m) {
    for (long seed : new long[] {1, 2, 3}) {
      Report base = analyze(Misconfiguration.NONE, seed);
      Report r = analyze(m, seed);
      Set<String> baseIds = base.findings().stream().map(Finding::id).collect(Collectors.toSet());
      Set<Category> raised = r.findings().stream().filter(f -> !baseIds.contains(f.id()))
          .map(Finding::category).collect(Collectors.toCollection(TreeSet::new));
      assertThat(raised).as(m + " seed " + seed + "\n" + describe(r) + "\n" + r.findings().stream().map(f -> f.id() + " " + f.evidence()).toList()).containsExactlyInAnyOrderElementsOf(m.expected());
      assertThat(r.riskScore()).as(describe(r)).isGreaterThan(base.riskScore());
      System.out.printf("%s seed %d: %.4f (baseline %.4f) %s%n", m.cliName(), seed, r.riskScore(), base.riskScore(),
          r.findings().stream().filter(f -> !baseIds.contains(f.id())).map(f -> f.severity() + " " + f.id()).toList());
    }
  }
}
