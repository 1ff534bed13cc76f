package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.PingRtt;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionPatternDetectorTest {
  private final ConnectionPatternDetector detector =
      new ConnectionPatternDetector(ConnectionPatternDetector.Thresholds.defaults());

  @Test
  void firesHighWhenOnlyTwoPeersAreConnected() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .connection("c1", "a", "/ip4/203.0.113.1/tcp/1", Direction.OUTBOUND, "/noise", SnapshotBuilder.T0, 0)
        .connection("c2", "b", "/ip4/198.51.100.1/tcp/1", Direction.OUTBOUND, "/noise", SnapshotBuilder.T0, 0)
        .build());
    assertThat(f).extracting(Finding::id).containsExactly("connection.eclipse-exposure");
    assertThat(f.get(0).severity()).isEqualTo(Severity.HIGH);
    assertThat(f.get(0).evidence().get("openPeers")).isEqualTo(2L);
    assertThat(f.get(0).evidence().get("openPrefixes")).isEqualTo(2L);
  }

  @Test
  void doesNotFireForADiverseBalancedConnectionSet() {
    SnapshotBuilder b = SnapshotBuilder.create();
    for (int i = 0; i < 12; i++) {
      b.connection("c" + i, "p" + i, "/ip4/203.0." + i + ".1/tcp/1", i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND,
          "/noise", SnapshotBuilder.T0, 0);
      b.peer("p" + i).streams(10);
    }
    assertThat(detector.detect(b.build())).isEmpty();
  }

  @Test
  void firesWhenInboundConnectionsDominate() {
    SnapshotBuilder b = SnapshotBuilder.create();
    for (int i = 0; i < 12; i++) {
      b.connection("c" + i, "p" + i, "/ip4/203.0." + i + ".1/tcp/1", i == 0 ? Direction.OUTBOUND : Direction.INBOUND,
          "/noise", SnapshotBuilder.T0, 0);
    }
    List<Finding> f = detector.detect(b.build());
    assertThat(f).extracting(Finding::id).containsExactly("connection.inbound-dominated");
    assertThat(f.get(0).evidence().get("inbound")).isEqualTo(11L);
  }

  @Test
  void firesWhenLongLivedPeersCarryMostTraffic() {
    SnapshotBuilder b = SnapshotBuilder.create().takenAt(SnapshotBuilder.T0 + 3_600_000);
    b.connection("old", "tracker", "/ip4/203.0.113.1/tcp/1", Direction.OUTBOUND, "/noise", SnapshotBuilder.T0, 0);
    b.peer("tracker").streams(80);
    for (int i = 0; i < 10; i++) {
      b.connection("c" + i, "p" + i, "/ip4/198.51." + i + ".1/tcp/1", Direction.OUTBOUND, "/noise",
          SnapshotBuilder.T0 + 3_590_000, 0);
      b.peer("p" + i).streams(2);
    }
    List<Finding> f = detector.detect(b.build());
    assertThat(f).extracting(Finding::id).containsExactly("connection.long-lived-concentration");
    assertThat((Double) f.get(0).evidence().get("streamShare")).isEqualTo(0.8);
  }

  @Test
  void measuresAgesAsOfTheNewestEventNotTheAnalysisTime() {
    long lastEvent = SnapshotBuilder.T0 + 3_600_000;
    SnapshotBuilder b = SnapshotBuilder.create().takenAt(lastEvent + 30L * 24 * 3_600_000);
    b.event(new PingRtt(1, 0, lastEvent, "node", "c0", "p0", 1_000_000));
    for (int i = 0; i < 11; i++) {
      b.connection("c" + i, "p" + i, "/ip4/198.51." + i + ".1/tcp/1", Direction.OUTBOUND, "/noise",
          lastEvent - 10_000, 0);
      b.peer("p" + i).streams(i == 0 ? 80 : 2);
    }
    assertThat(detector.detect(b.build())).extracting(Finding::id)
        .doesNotContain("connection.long-lived-concentration");
  }
}
