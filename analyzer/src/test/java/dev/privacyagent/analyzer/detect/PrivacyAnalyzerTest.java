package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.proof.MockProofSystem;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.RiskScore;
import dev.privacyagent.analyzer.report.Severity;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrivacyAnalyzerTest {

  /** A node with problems in several categories at once. */
  static SnapshotBuilder leaky() {
    SnapshotBuilder b = SnapshotBuilder.create();
    for (int i = 0; i < 16; i++) {
      b.peer("p" + i).agent("lighthouse/v4").protocols("/ipfs/id/1.0.0").ip("203.0.113." + (i + 1)).streams(i == 0 ? 200 : 2);
      b.connection("c" + i, "p" + i, "/ip4/203.0.113." + (i + 1) + "/tcp/1", Direction.INBOUND,
          i == 1 ? "/plaintext/2.0.0" : "/noise", SnapshotBuilder.T0, 0);
    }
    b.disclosed("odd-client/0.0.1", List.of("/ipfs/id/1.0.0", "/odd/1.0.0"), List.of("/ip4/192.168.1.2/tcp/4001"));
    Random rnd = new Random(1);
    for (int i = 0; i < 20; i++) {
      b.pingAt("c0", "p0", i * 5000 + rnd.nextGaussian());
    }
    return b;
  }

  @Test
  void emptySnapshotGivesAnEmptyReport() {
    Report r = new PrivacyAnalyzer().analyze(SnapshotBuilder.create().build());
    assertThat(r.findings()).isEmpty();
    assertThat(r.riskScore()).isZero();
    assertThat(r.severityCounts()).containsOnlyKeys(Severity.values()).allSatisfy((k, v) -> assertThat(v).isZero());
    assertThat(r.proofs()).hasSize(3);
    assertThat(r.proofNotice()).isEqualTo("MOCK: no cryptographic guarantee");
  }

  @Test
  void leakyNodeGetsFindingsInManyCategoriesSortedBySeverity() {
    Report r = new PrivacyAnalyzer().analyze(leaky().build());
    assertThat(r.findings()).extracting(Finding::category).contains(
        Category.TIMING, Category.ANONYMITY_SET, Category.FINGERPRINTING, Category.ADDRESS_LEAKAGE,
        Category.CONNECTION_PATTERN, Category.TRANSPORT_SECURITY);
    assertThat(r.findings().get(0).severity()).isEqualTo(Severity.CRITICAL);
    for (int i = 1; i < r.findings().size(); i++) {
      assertThat(r.findings().get(i).severity()).isLessThanOrEqualTo(r.findings().get(i - 1).severity());
    }
    assertThat(r.riskScore()).isEqualTo(RiskScore.of(r.findings())).isGreaterThan(0.9);
    assertThat(r.findings()).extracting(Finding::id).doesNotHaveDuplicates();
    assertThat(r.peers()).hasSize(16);
    assertThat(r.peers().get(0).peerId()).isEqualTo("p0");
    assertThat(r.peers().get(0).trafficShare()).isEqualTo(200.0 / 230.0);
    assertThat(r.protocols()).extracting(p -> p.protocolId()).contains("/ipfs/id/1.0.0");
    assertThat(r.totals().peers()).isEqualTo(16);
    assertThat(r.totals().openConnections()).isEqualTo(16);
  }

  @Test
  void analysisIsAFunctionOfTheSnapshot() {
    var s = leaky().build();
    Report a = new PrivacyAnalyzer(AnalyzerConfig.defaults(), null, new MockProofSystem(new Random(42))).analyze(s);
    Report b = new PrivacyAnalyzer(AnalyzerConfig.defaults(), null, new MockProofSystem(new Random(42))).analyze(s);
    assertThat(a).isEqualTo(b);
  }

  @Test
  void peerTableIsBounded() {
    SnapshotBuilder b = SnapshotBuilder.create().spreadPeers("p", 50, 3);
    AnalyzerConfig cfg = new AnalyzerConfig(
        AnalyzerConfig.defaults().timing(), AnalyzerConfig.defaults().anonymity(), AnalyzerConfig.defaults().fingerprint(),
        AnalyzerConfig.defaults().address(), AnalyzerConfig.defaults().linkability(), AnalyzerConfig.defaults().connections(),
        AnalyzerConfig.defaults().transport(), AnalyzerConfig.defaults().proofs(), 10, 5, AnalyzerConfig.defaults().gossip());
    Report r = new PrivacyAnalyzer(cfg).analyze(b.build());
    assertThat(r.peers()).hasSize(10);
    assertThat(r.totals().peers()).isEqualTo(50);
  }

  @Test
  void notesAndWindowReachTheReport() {
    Report r = new PrivacyAnalyzer().analyze(SnapshotBuilder.create().note("2 lines skipped").build());
    assertThat(r.notes()).containsExactly("2 lines skipped");
    assertThat(r.generatedAt()).isEqualTo("2023-11-14T22:14:20Z");
  }
}
