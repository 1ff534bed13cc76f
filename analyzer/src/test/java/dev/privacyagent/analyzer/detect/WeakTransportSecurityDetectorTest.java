package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakTransportSecurityDetectorTest {
  private final WeakTransportSecurityDetector detector =
      new WeakTransportSecurityDetector(WeakTransportSecurityDetector.Thresholds.defaults());

  @Test
  void firesCriticalForPlaintextAndHighForSecio() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .connection("c1", "a", "/ip4/203.0.113.1/tcp/1", Direction.OUTBOUND, "/plaintext/2.0.0", SnapshotBuilder.T0, 0)
        .connection("c2", "b", "/ip4/203.0.113.2/tcp/1", Direction.INBOUND, "/secio/1.0.0", SnapshotBuilder.T0, 0)
        .connection("c3", "c", "/ip4/203.0.113.3/tcp/1", Direction.INBOUND, "/noise", SnapshotBuilder.T0, 0)
        .build());
    assertThat(f).extracting(Finding::id, Finding::severity).containsExactly(
        org.assertj.core.groups.Tuple.tuple("transport.plaintext", Severity.CRITICAL),
        org.assertj.core.groups.Tuple.tuple("transport.deprecated", Severity.HIGH));
    assertThat(f.get(0).evidence().get("peers")).isEqualTo(List.of("a"));
    assertThat(f.get(0).evidence().get("openConnections")).isEqualTo(1L);
  }

  @Test
  void doesNotFireForNoiseTlsAndQuic() {
    assertThat(detector.detect(SnapshotBuilder.create()
        .connection("c1", "a", "/ip4/203.0.113.1/tcp/1", Direction.OUTBOUND, "/noise", SnapshotBuilder.T0, 0)
        .connection("c2", "b", "/ip4/203.0.113.2/tcp/1", Direction.OUTBOUND, "/tls/1.0.0", SnapshotBuilder.T0, 0)
        .connection("c3", "c", "/ip6/::/udp/40000/quic-v1", "/ip4/203.0.113.3/udp/4001/quic-v1",
            Direction.OUTBOUND, "quic-v1", "/tls/1.0.0", null)
        .disclosed("x", List.of("/ipfs/id/1.0.0"), List.of())
        .build())).isEmpty();
  }

  @Test
  void countsTlsAndQuicAsEncryptedEvenAQuicRecordWithoutSecurity() {
    WeakTransportSecurityDetector.Protection enc = WeakTransportSecurityDetector.Protection.ENCRYPTED;
    var s = SnapshotBuilder.create()
        .connection("tls", "a", "/ip4/10.0.0.1/tcp/1", "/ip4/203.0.113.1/tcp/4001", Direction.OUTBOUND, "tcp",
            "/tls/1.0.0", "/yamux/1.0.0")
        .connection("v1", "b", "/ip6/::/udp/1/quic-v1", "/ip4/203.0.113.2/udp/4001/quic-v1", Direction.OUTBOUND,
            "quic-v1", "/tls/1.0.0", null)
        // recorded before the agent named QUIC's security: still encrypted, by its transport
        .connection("d29", "c", "/ip4/0.0.0.0/udp/1/quic", "/ip4/203.0.113.3/udp/4001/quic", Direction.OUTBOUND,
            "quic", null, null)
        .connection("plain", "d", "/ip4/10.0.0.1/tcp/2", "/ip4/203.0.113.4/tcp/4001", Direction.INBOUND, "tcp",
            "/plaintext/2.0.0", "/mplex/6.7.0")
        .build();
    java.util.Map<String, WeakTransportSecurityDetector.Protection> byConn = new java.util.TreeMap<>();
    s.connections().values().forEach(c -> byConn.put(c.connId(), detector.protection(c)));
    assertThat(byConn).containsExactlyEntriesOf(new java.util.TreeMap<>(java.util.Map.of(
        "tls", enc, "v1", enc, "d29", enc, "plain", WeakTransportSecurityDetector.Protection.PLAINTEXT)));
    List<Finding> f = detector.detect(s);
    assertThat(f).extracting(Finding::id).containsExactly("transport.plaintext");
    assertThat(f.get(0).evidence().get("encryptedConnections")).isEqualTo(3L);
    assertThat(f.get(0).evidence().get("peers")).isEqualTo(List.of("d"));
  }

  @Test
  void aConnectionWithNoKnownSecurityIsReportedUnverifiedAtInfo() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .connection("c1", "a", "/ip4/203.0.113.1/tcp/1", Direction.OUTBOUND, "/noise", SnapshotBuilder.T0, 0)
        .connection("c3", "c", "/ip4/203.0.113.3/tcp/1", Direction.OUTBOUND, null, SnapshotBuilder.T0, 0)
        .build());
    assertThat(f).extracting(Finding::id, Finding::severity).containsExactly(
        org.assertj.core.groups.Tuple.tuple("transport.unknown-security", Severity.INFO));
    assertThat(f.get(0).evidence().get("peers")).isEqualTo(List.of("c"));
    assertThat(f.get(0).evidence().get("securityProtocols")).isEqualTo(List.of("none"));
    assertThat(f.get(0).evidence().get("encryptedConnections")).isEqualTo(1L);
  }

  @Test
  void firesWhenOurIdentifyAdvertisesPlaintext() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .disclosed("x", List.of("/plaintext/2.0.0", "/ipfs/id/1.0.0"), List.of()).build());
    assertThat(f).extracting(Finding::id).containsExactly("transport.weak-advertised");
  }
}
