package dev.privacyagent.analyzer.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.detect.AnalyzerConfig;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.detect.SnapshotBuilder;
import dev.privacyagent.analyzer.render.JsonRenderer;
import dev.privacyagent.analyzer.report.AnonymityMeasures;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MockProofSystemTest {
  /** 32 peers over 32 prefixes, no finding at all: every statement holds. */
  static Report cleanReport() {
    return new PrivacyAnalyzer(AnalyzerConfig.defaults(), null, new MockProofSystem(new Random(3)))
        .analyze(SnapshotBuilder.create().spreadPeers("p", 32, 10).build());
  }

  @Test
  void everyStatementHoldsAndVerifiesOnACleanReport() {
    Report r = cleanReport();
    assertThat(r.findings()).isEmpty();
    assertThat(r.proofs()).extracting(Proof::statement).containsExactly(ProofStatement.values());
    for (Proof p : r.proofs()) {
      assertThat(p.holds()).isTrue();
      assertThat(p.notice()).isEqualTo(MockProofSystem.NOTICE);
      assertThat(p.commitmentHex()).hasSize(64);
      assertThat(MockProofSystem.verify(p, r).valid()).as(p.statement().name()).isTrue();
    }
  }

  @Test
  void proofsSurviveAJsonRoundTrip() throws Exception {
    Report r = cleanReport();
    Report back = JsonRenderer.parse(new JsonRenderer().render(r));
    for (Proof p : back.proofs()) {
      assertThat(MockProofSystem.verify(p, back).valid()).isTrue();
    }
    String proofJson = JsonRenderer.mapper().writeValueAsString(r.proofs().get(0));
    Proof parsed = JsonRenderer.mapper().readValue(proofJson, Proof.class);
    assertThat(MockProofSystem.verify(parsed, r).valid()).isTrue();
  }

  @Test
  void tamperingWithTheReportBreaksVerification() {
    Report r = cleanReport();
    AnonymityMeasures a = r.anonymity();
    Report moreEntropy = copyWithAnonymity(r, new AnonymityMeasures(a.distinctPeers(), a.distinctPrefixes(), a.trafficUnit(),
        a.totalTraffic() + 1, a.entropyBits(), a.maxEntropyBits(), a.effectiveAnonymitySet(), a.degreeOfAnonymity(),
        a.prefixEntropyBits(), a.effectivePrefixSet(), a.topPeerShare()));
    Proof anon = r.proofs().get(0);
    Verification v = MockProofSystem.verify(anon, moreEntropy);
    assertThat(v.valid()).isFalse();
    assertThat(v.reason()).contains("commitment");

    List<Finding> extra = new ArrayList<>(r.findings());
    extra.add(new Finding("timing.co-occurrence", Category.TIMING, Severity.LOW, 0.1, "s", Map.of(), "r"));
    Report withTiming = new Report(r.schemaVersion(), r.generatedAt(), r.window(), r.localNodes(), r.riskScore(),
        r.riskFormula(), extra, null, r.totals(), r.anonymity(), r.peers(), r.protocols(), r.counters(),
        r.droppedTotal(), r.proofs(), r.proofNotice(), r.notes(), r.nodes(), r.comparison(), r.gossip());
    assertThat(MockProofSystem.verify(r.proofs().get(2), withTiming).valid()).isFalse();
    Verification risk = MockProofSystem.verify(r.proofs().get(1), withTiming);
    assertThat(risk.valid()).isFalse();
    assertThat(risk.reason()).contains("does not follow from its findings");
  }

  @Test
  void tamperingWithTheProofBreaksVerification() {
    Report r = cleanReport();
    Proof p = r.proofs().get(0);
    Proof otherSalt = new Proof(p.statement(), p.threshold(), true, p.claimedValue(), "00".repeat(16), p.commitmentHex(), p.algorithm(), p.notice());
    assertThat(MockProofSystem.verify(otherSalt, r).valid()).isFalse();
    Proof higherK = new Proof(p.statement(), 20, true, p.claimedValue(), p.saltHex(), p.commitmentHex(), p.algorithm(), p.notice());
    assertThat(MockProofSystem.verify(higherK, r).valid()).isFalse();
    Proof bitFlip = new Proof(p.statement(), p.threshold(), true, p.claimedValue(), p.saltHex(),
        (p.commitmentHex().charAt(0) == '0' ? "1" : "0") + p.commitmentHex().substring(1), p.algorithm(), p.notice());
    assertThat(MockProofSystem.verify(bitFlip, r).valid()).isFalse();
    Proof garbage = new Proof(p.statement(), p.threshold(), true, p.claimedValue(), p.saltHex(), "zz", p.algorithm(), p.notice());
    assertThat(MockProofSystem.verify(garbage, r).reason()).contains("malformed");
    Proof md5 = new Proof(p.statement(), p.threshold(), true, p.claimedValue(), p.saltHex(), p.commitmentHex(), "MD5", p.notice());
    assertThat(MockProofSystem.verify(md5, r).valid()).isFalse();
  }

  @Test
  void aStatementThatDoesNotHoldNeverVerifies() {
    Report r = new PrivacyAnalyzer(AnalyzerConfig.defaults(), null, new MockProofSystem(new Random(4)))
        .analyze(SnapshotBuilder.create().peer("a").streams(50).ip("203.0.113.1").done().build());
    Proof anon = r.proofs().get(0);
    assertThat(anon.holds()).isFalse();
    assertThat(anon.claimedValue()).isEqualTo(1.0);
    assertThat(MockProofSystem.verify(anon, r).reason()).contains("does not hold");
  }

  @Test
  void saltsDifferBetweenProofsOfTheSameReport() {
    Report r = cleanReport();
    MockProofSystem sys = new MockProofSystem();
    Proof a = sys.prove(ProofStatement.RISK_SCORE_AT_MOST, 0.5, r);
    Proof b = sys.prove(ProofStatement.RISK_SCORE_AT_MOST, 0.5, r);
    assertThat(a.saltHex()).isNotEqualTo(b.saltHex());
    assertThat(a.commitmentHex()).isNotEqualTo(b.commitmentHex());
    assertThat(MockProofSystem.verify(a, r).valid()).isTrue();
    assertThat(MockProofSystem.verify(b, r).valid()).isTrue();
  }

  private static Report copyWithAnonymity(Report r, AnonymityMeasures a) {
    return new Report(r.schemaVersion(), r.generatedAt(), r.window(), r.localNodes(), r.riskScore(), r.riskFormula(),
        r.findings(), null, r.totals(), a, r.peers(), r.protocols(), r.counters(), r.droppedTotal(), r.proofs(),
        r.proofNotice(), r.notes(), r.nodes(), r.comparison(), r.gossip());
  }
}
