package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.privacyagent.analyzer.report.AnonymityMeasures;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnonymitySetDetectorTest {
  private final AnonymitySetDetector detector = new AnonymitySetDetector(AnonymitySetDetector.Thresholds.defaults());

  @Test
  void measuresEntropyEffectiveSetAndDegree() {
    AnonymityMeasures m = AnonymitySetDetector.measure(SnapshotBuilder.create().spreadPeers("p", 4, 10).build());
    assertThat(m.distinctPeers()).isEqualTo(4);
    assertThat(m.entropyBits()).isCloseTo(2.0, within(1e-12));
    assertThat(m.effectiveAnonymitySet()).isCloseTo(4.0, within(1e-9));
    assertThat(m.degreeOfAnonymity()).isCloseTo(1.0, within(1e-12));
    assertThat(m.distinctPrefixes()).isEqualTo(4);
    assertThat(m.effectivePrefixSet()).isCloseTo(4.0, within(1e-9));

    AnonymityMeasures skew = AnonymitySetDetector.measure(SnapshotBuilder.create()
        .peer("a").streams(3).ip("203.0.113.1").done()
        .peer("b").streams(1).ip("203.0.113.2").done().build());
    double h = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2);
    assertThat(skew.entropyBits()).isCloseTo(h, within(1e-12));
    assertThat(skew.effectiveAnonymitySet()).isCloseTo(Math.pow(2, h), within(1e-9));
    assertThat(skew.degreeOfAnonymity()).isCloseTo(h, within(1e-12));
    assertThat(skew.topPeerShare()).isEqualTo(0.75);
    assertThat(skew.distinctPrefixes()).isEqualTo(1);
  }

  @Test
  void firesHighWhenTrafficGoesToTwoPeers() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .peer("a").streams(90).ip("203.0.113.1").done()
        .peer("b").streams(10).ip("198.51.100.1").done().build());
    Finding small = f.stream().filter(x -> x.id().equals("anonymity.small-set")).findFirst().orElseThrow();
    assertThat(small.severity()).isEqualTo(Severity.HIGH);
    assertThat((Double) small.evidence().get("effectiveAnonymitySet")).isLessThan(2.0);
    assertThat(small.confidence()).isCloseTo(100.0 / 110.0, within(1e-9));
  }

  @Test
  void doesNotFireForTrafficSpreadOverManyPeersAndNetworks() {
    assertThat(detector.detect(SnapshotBuilder.create().spreadPeers("p", 32, 10).build())).isEmpty();
  }

  @Test
  void firesOnSkewedShareWhenTheSetIsLargeEnoughButUneven() {
    AnonymitySetDetector lowK = new AnonymitySetDetector(new AnonymitySetDetector.Thresholds(2, 0.5, 1, 10));
    SnapshotBuilder b = SnapshotBuilder.create().peer("big").streams(85).ip("203.0.113.1").done();
    for (int i = 0; i < 15; i++) {
      b.peer("small" + i).streams(1).ip("198.51." + i + ".1");
    }
    List<Finding> f = lowK.detect(b.build());
    assertThat(f).extracting(Finding::id).containsExactly("anonymity.skewed-share");
    assertThat((Double) f.get(0).evidence().get("degreeOfAnonymity")).isLessThan(0.5);
  }

  @Test
  void firesWhenAllPeersShareOnePrefix() {
    SnapshotBuilder b = SnapshotBuilder.create();
    for (int i = 0; i < 10; i++) {
      b.peer("p" + i).streams(10).ip("203.0.113." + (i + 1));
    }
    List<Finding> f = detector.detect(b.build());
    assertThat(f).extracting(Finding::id).containsExactly("anonymity.prefix-concentration");
    assertThat(f.get(0).evidence().get("distinctPrefixes")).isEqualTo(1L);
  }

  @Test
  void tooLittleTrafficIsNotJudged() {
    assertThat(detector.detect(SnapshotBuilder.create().peer("a").streams(3).done().build())).isEmpty();
  }
}
