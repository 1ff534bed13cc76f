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
  void doesNotFireForNoiseAndTls() {
    assertThat(detector.detect(SnapshotBuilder.create()
        .connection("c1", "a", "/ip4/203.0.113.1/tcp/1", Direction.OUTBOUND, "/noise", SnapshotBuilder.T0, 0)
        .connection("c2", "b", "/ip4/203.0.113.2/tcp/1", Direction.OUTBOUND, "/tls/1.0.0", SnapshotBuilder.T0, 0)
        .connection("c3", "c", "/ip4/203.0.113.3/tcp/1", Direction.OUTBOUND, null, SnapshotBuilder.T0, 0)
        .disclosed("x", List.of("/ipfs/id/1.0.0"), List.of())
        .build())).isEmpty();
  }

  @Test
  void firesWhenOurIdentifyAdvertisesPlaintext() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .disclosed("x", List.of("/plaintext/2.0.0", "/ipfs/id/1.0.0"), List.of()).build());
    assertThat(f).extracting(Finding::id).containsExactly("transport.weak-advertised");
  }
}
