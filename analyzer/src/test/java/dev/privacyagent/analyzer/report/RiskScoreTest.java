package dev.privacyagent.analyzer.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskScoreTest {
  static Finding f(String id, Severity s, double confidence) {
    return new Finding(id, Category.TIMING, s, confidence, "s", Map.of(), "r");
  }

  @Test
  void noFindingsIsZero() {
    assertThat(RiskScore.of(List.of())).isZero();
  }

  @Test
  void oneFindingIsItsWeightTimesConfidence() {
    assertThat(RiskScore.of(List.of(f("a", Severity.HIGH, 1.0)))).isEqualTo(0.6);
    assertThat(RiskScore.of(List.of(f("a", Severity.CRITICAL, 0.5)))).isEqualTo(0.45);
    assertThat(RiskScore.of(List.of(f("a", Severity.INFO, 1.0)))).isZero();
  }

  @Test
  void findingsCombineAsIndependentChances() {
    // 1 - (1 - 0.3*0.5)^2 = 1 - 0.85^2 = 0.2775
    assertThat(RiskScore.of(List.of(f("a", Severity.MEDIUM, 0.5), f("b", Severity.MEDIUM, 0.5)))).isEqualTo(0.2775);
    // 1 - (1-0.6)(1-0.1) = 0.64
    assertThat(RiskScore.of(List.of(f("a", Severity.HIGH, 1), f("b", Severity.LOW, 1)))).isEqualTo(0.64);
  }

  @Test
  void orderDoesNotMatterAndTheScoreStaysInRange() {
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(f("f" + i, Severity.values()[i % 5], (i % 10) / 10.0));
    }
    double a = RiskScore.of(many);
    Collections.reverse(many);
    assertThat(RiskScore.of(many)).isEqualTo(a);
    assertThat(a).isBetween(0.0, 1.0);
  }

  @Test
  void confidenceOutsideTheUnitIntervalIsRejected() {
    assertThatThrownBy(() -> f("a", Severity.LOW, 1.5)).hasMessageContaining("confidence");
    assertThatThrownBy(() -> f("a", Severity.LOW, Double.NaN)).hasMessageContaining("confidence");
  }
}
