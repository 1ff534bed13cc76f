package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressLeakageDetectorTest {
  private final AddressLeakageDetector detector = new AddressLeakageDetector(AddressLeakageDetector.Thresholds.defaults());

  @Test
  void firesWhenOurIdentifyDisclosesPrivateAddresses() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .disclosed("x", List.of(), List.of("/ip4/192.168.1.20/tcp/4001", "/ip6/fe80::1/tcp/4001", "/ip4/203.0.113.5/tcp/4001"))
        .build());
    Finding p = f.stream().filter(x -> x.id().equals("address.private-disclosed")).findFirst().orElseThrow();
    assertThat(p.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(p.evidence().get("addresses")).isEqualTo(2L);
    assertThat((List<?>) p.evidence().get("privateAddrs")).hasSize(2);
  }

  @Test
  void doesNotFireForPublicAddressesOnly() {
    assertThat(detector.detect(SnapshotBuilder.create()
        .disclosed("x", List.of(), List.of("/ip4/203.0.113.5/tcp/4001", "/ip6/2001:db8::5/tcp/4001"))
        .peer("a").listenAddrs("/ip4/198.51.100.1/tcp/4001").observed("/ip4/127.0.0.1/tcp/4001").done()
        .build())).isEmpty();
  }

  @Test
  void loopbackIsOnlyInformational() {
    List<Finding> f = detector.detect(SnapshotBuilder.create().disclosed("x", List.of(), List.of("/ip4/127.0.0.1/tcp/4001")).build());
    assertThat(f).extracting(Finding::severity).containsExactly(Severity.INFO);
  }

  @Test
  void firesWhenManyAddressesOfMixedScopeAreTiedTogether() {
    List<Finding> f = detector.detect(SnapshotBuilder.create().disclosed("x", List.of(), List.of(
        "/ip4/203.0.113.5/tcp/4001", "/ip4/10.8.0.2/tcp/4001", "/ip4/172.17.0.1/tcp/4001",
        "/ip6/2001:db8::5/tcp/4001", "/ip4/198.51.100.77/tcp/4001")).build());
    Finding many = f.stream().filter(x -> x.id().equals("address.many-addresses")).findFirst().orElseThrow();
    assertThat(many.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(many.evidence().get("distinctIps")).isEqualTo(5L);
    assertThat(many.evidence().get("mixedScopes")).isEqualTo(true);
  }

  @Test
  void reportsPrivateAddressesReceivedAndOurObservedPublicIp() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .disclosed("x", List.of(), List.of("/ip4/10.0.0.2/tcp/4001"))
        .peer("a").listenAddrs("/ip4/10.1.2.3/tcp/4001").observed("/ip4/198.51.100.7/tcp/50000").done()
        .peer("b").observed("/ip4/198.51.100.7/tcp/50001").done()
        .build());
    assertThat(f).extracting(Finding::id)
        .contains("address.private-received", "address.observed-public", "address.private-disclosed");
    Finding obs = f.stream().filter(x -> x.id().equals("address.observed-public")).findFirst().orElseThrow();
    assertThat(obs.evidence().get("notAnnounced")).isEqualTo(true);
    assertThat(obs.evidence().get("reportingPeers")).isEqualTo(2L);
    assertThat(obs.confidence()).isEqualTo(1.0);
  }
}
