package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.privacyagent.analyzer.proof.ProofThresholds;
import dev.privacyagent.analyzer.report.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerConfigTest {
  @Test
  void invalidThresholdsAreRejectedWithAMessage() {
    assertThatThrownBy(() -> new AnonymitySetDetector.Thresholds(0.5, 0.5, 4, 10)).hasMessageContaining("anonymity");
    assertThatThrownBy(() -> new ConnectionPatternDetector.Thresholds(0, 4, 1, 3, 0.5, 0.2, 10)).hasMessageContaining("connection-pattern");
    assertThatThrownBy(() -> new ProtocolFingerprintDetector.Thresholds(4, 2, 5, 0.1)).hasMessageContaining("fingerprint");
    assertThatThrownBy(() -> new TimingCorrelationDetector.Thresholds(0, 5, 0.5, 3, 16, 10, 100, 8, 0.1, 10)).hasMessageContaining("timing");
    assertThatThrownBy(() -> new ProofThresholds(0.5, 0.5)).hasMessageContaining("minAnonymitySet");
    assertThatThrownBy(() -> new ProofThresholds(8, 1.5)).hasMessageContaining("maxRiskScore");
  }

  @Test
  void thresholdsChangeWhatFires() {
    var snapshot = SnapshotBuilder.create().spreadPeers("p", 12, 10).build();
    assertThat(new PrivacyAnalyzer().analyze(snapshot).findings()).isEmpty();
    AnalyzerConfig strict = AnalyzerConfig.defaults()
        .withAnonymity(new AnonymitySetDetector.Thresholds(20, 0.5, 4, 10));
    assertThat(new PrivacyAnalyzer(strict).analyze(snapshot).findings()).extracting(Finding::id)
        .isEqualTo(List.of("anonymity.small-set"));
  }

  @Test
  void referencePopulationReachesTheFingerprintDetector() {
    var snapshot = SnapshotBuilder.create().disclosed("grandine/0.4", List.of(), List.of()).build();
    assertThat(new PrivacyAnalyzer().analyze(snapshot).findings()).isEmpty();
    assertThat(new PrivacyAnalyzer(AnalyzerConfig.defaults(), ReferencePopulation.ethereumConsensus2023())
        .analyze(snapshot).findings()).extracting(Finding::id).containsExactly("fingerprint.agent-version");
  }
}
