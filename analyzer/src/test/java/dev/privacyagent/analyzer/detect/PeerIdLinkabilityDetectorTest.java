package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerIdLinkabilityDetectorTest {
  private final PeerIdLinkabilityDetector detector =
      new PeerIdLinkabilityDetector(PeerIdLinkabilityDetector.Thresholds.defaults());

  @Test
  void firesWhenPeerIdsLinkSeveralAddresses() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .peer("mobile").ip("203.0.113.4", "198.51.100.9", "192.0.2.33").observed("/ip4/198.51.100.200/tcp/1").done()
        .peer("other").ip("203.0.113.5").observed("/ip4/192.0.2.200/tcp/1").done()
        .build());
    Finding remote = f.stream().filter(x -> x.id().equals("linkability.peer-multi-ip")).findFirst().orElseThrow();
    assertThat(remote.evidence().get("linkedPeers")).isEqualTo(1L);
    assertThat(remote.evidence().get("maxIpsPerPeer")).isEqualTo(3L);
    Finding own = f.stream().filter(x -> x.id().equals("linkability.own-ips-linked")).findFirst().orElseThrow();
    assertThat(own.evidence().get("distinctObservedIps")).isEqualTo(2L);
    assertThat(own.severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void firesOnReconnectChurn() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .peer("crawler").ip("203.0.113.4").connectionsOpened(25).done()
        .peer("calm").ip("203.0.113.5").connectionsOpened(1).done().build());
    assertThat(f).extracting(Finding::id).containsExactly("linkability.reconnect-churn");
    assertThat(f.get(0).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(f.get(0).evidence().get("churningPeers")).isEqualTo(1L);
    assertThat(f.get(0).evidence().get("maxConnectionsOpened")).isEqualTo(25L);
  }

  @Test
  void doesNotFireForStablePeers() {
    assertThat(detector.detect(SnapshotBuilder.create()
        .peer("a").ip("203.0.113.4").connectionsOpened(2).observed("/ip4/198.51.100.200/tcp/1").done()
        .peer("b").ip("203.0.113.5").connectionsOpened(1).observed("/ip4/198.51.100.200/tcp/2").done()
        .peer("c").ip("203.0.113.6").observed("/ip4/127.0.0.1/tcp/2").done()
        .build())).isEmpty();
  }
}
