package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimingCorrelationDetectorTest {
  private final TimingCorrelationDetector detector =
      new TimingCorrelationDetector(TimingCorrelationDetector.Thresholds.defaults());

  private static SnapshotBuilder withConnections(int n) {
    SnapshotBuilder b = SnapshotBuilder.create();
    for (int i = 0; i < n; i++) {
      b.connection("c" + i, "peer" + i, "/ip4/203.0.113." + (i + 1) + "/tcp/4001", Direction.OUTBOUND, "/noise", SnapshotBuilder.T0, 0);
    }
    return b;
  }

  @Test
  void firesWhenTwoConnectionsAreRepeatedlyActiveTogether() {
    SnapshotBuilder b = withConnections(6);
    Random rnd = new Random(7);
    for (int i = 0; i < 25; i++) {
      double t = i * 1700 + rnd.nextInt(900);
      b.streamAt("c0", t, "/meshsub/1.1.0");
      b.streamAt("c1", t + 5 + rnd.nextInt(20), "/meshsub/1.1.0");
    }
    for (int c = 2; c < 6; c++) {
      for (int i = 0; i < 25; i++) {
        b.streamAt("c" + c, rnd.nextDouble() * 45_000, "/ipfs/kad/1.0.0");
      }
    }
    List<Finding> findings = detector.detect(b.build());

    Finding f = findings.stream().filter(x -> x.id().equals("timing.co-occurrence")).findFirst().orElseThrow();
    assertThat(f.category()).isEqualTo(Category.TIMING);
    assertThat(f.evidence().get("correlatedPairs")).isEqualTo(1L);
    assertThat((Long) f.evidence().get("bestCoOccurrences")).isGreaterThanOrEqualTo(24L);
    assertThat((Double) f.evidence().get("bestLift")).isGreaterThan(3.0);
    assertThat(f.evidence().get("pairs").toString()).contains("peer0").contains("peer1");
    assertThat(f.confidence()).isGreaterThan(0.8);
  }

  @Test
  void doesNotFireForIndependentTraffic() {
    SnapshotBuilder b = withConnections(6);
    Random rnd = new Random(11);
    for (int c = 0; c < 6; c++) {
      for (int i = 0; i < 30; i++) {
        b.streamAt("c" + c, rnd.nextDouble() * 60_000, "/ipfs/kad/1.0.0");
      }
    }
    assertThat(detector.detect(b.build())).extracting(Finding::id).doesNotContain("timing.co-occurrence");
  }

  @Test
  void sameScheduleOnConnectionsToTheSamePeerIsNotCorrelation() {
    SnapshotBuilder b = SnapshotBuilder.create();
    b.connection("a", "peerX", "/ip4/203.0.113.1/tcp/1", Direction.OUTBOUND, "/noise", SnapshotBuilder.T0, 0);
    b.connection("b", "peerX", "/ip4/203.0.113.1/tcp/2", Direction.OUTBOUND, "/noise", SnapshotBuilder.T0, 0);
    Random rnd = new Random(3);
    for (int i = 0; i < 20; i++) {
      double t = i * 2000 + rnd.nextInt(1000);
      b.streamAt("a", t, "/x/1");
      b.streamAt("b", t + 3, "/x/1");
    }
    assertThat(detector.detect(b.build())).extracting(Finding::id).doesNotContain("timing.co-occurrence");
  }

  @Test
  void firesForAStrictPingHeartbeat() {
    SnapshotBuilder b = withConnections(1);
    Random rnd = new Random(5);
    for (int i = 0; i < 15; i++) {
      b.pingAt("c0", "peer0", i * 10_000 + rnd.nextGaussian() * 50);
    }
    Finding f = detector.detect(b.build()).stream()
        .filter(x -> x.id().equals("timing.periodic:" + TimingCorrelationDetector.PING)).findFirst().orElseThrow();
    assertThat((Double) f.evidence().get("medianPeriodMillis")).isBetween(9_900.0, 10_100.0);
    assertThat((Double) f.evidence().get("medianCv")).isLessThan(0.02);
    assertThat(f.evidence().get("medianIntervals")).isEqualTo(14L);
  }

  @Test
  void doesNotFireForRandomlySpacedPings() {
    SnapshotBuilder b = withConnections(1);
    Random rnd = new Random(9);
    double t = 0;
    for (int i = 0; i < 30; i++) {
      t += -Math.log(1 - rnd.nextDouble()) * 10_000;
      b.pingAt("c0", "peer0", t);
    }
    assertThat(detector.detect(b.build())).isEmpty();
  }

  @Test
  void tooFewIntervalsAreNotJudged() {
    SnapshotBuilder b = withConnections(1);
    for (int i = 0; i < 5; i++) {
      b.pingAt("c0", "peer0", i * 1000);
    }
    assertThat(detector.detect(b.build())).isEmpty();
  }

  @Test
  void emptyRingGivesNothing() {
    Snapshot s = SnapshotBuilder.create().build();
    assertThat(detector.detect(s)).isEmpty();
  }
}
