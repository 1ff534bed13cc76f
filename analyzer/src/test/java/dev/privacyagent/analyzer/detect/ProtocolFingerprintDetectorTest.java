package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolFingerprintDetectorTest {
  private static final String[] COMMON = {"/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/meshsub/1.1.0"};

  private static SnapshotBuilder population(int n) {
    SnapshotBuilder b = SnapshotBuilder.create();
    for (int i = 0; i < n; i++) {
      b.peer("p" + i).agent("lighthouse/v4.5.0").protocols(COMMON);
    }
    return b;
  }

  private final ProtocolFingerprintDetector detector =
      new ProtocolFingerprintDetector(ProtocolFingerprintDetector.Thresholds.defaults(), null);

  @Test
  void firesForAUniqueAgentVersionAndProtocolSet() {
    List<Finding> f = detector.detect(population(20)
        .disclosed("rare-client/0.1", List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/meshsub/1.1.0", "/my/private/1.0.0"), List.of())
        .build());
    Finding agent = f.stream().filter(x -> x.id().equals("fingerprint.agent-version")).findFirst().orElseThrow();
    double expected = Math.log(21.0) / Math.log(2);
    assertThat((Double) agent.evidence().get("identifyingBits")).isCloseTo(expected, within(1e-3));
    assertThat(agent.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(agent.confidence()).isCloseTo(20.0 / 30.0, within(1e-9));
    Finding set = f.stream().filter(x -> x.id().equals("fingerprint.protocol-set")).findFirst().orElseThrow();
    assertThat(set.evidence().get("rareProtocols")).isEqualTo(List.of("/my/private/1.0.0"));
    assertThat(set.evidence().get("peersWithSameSet")).isEqualTo(0L);
  }

  @Test
  void doesNotFireWhenOurIdentifyLooksLikeEveryoneElse() {
    List<Finding> f = detector.detect(population(20)
        .disclosed("lighthouse/v4.5.0", List.of(COMMON), List.of()).build());
    assertThat(f).isEmpty();
  }

  @Test
  void tooFewPeersAreNotAPopulation() {
    assertThat(detector.detect(population(3).disclosed("unique/1", List.of("/x/1"), List.of()).build())).isEmpty();
  }

  @Test
  void highWhenUniqueAmongHundreds() {
    List<Finding> f = detector.detect(population(300).disclosed("rare/1", List.of(COMMON), List.of()).build());
    assertThat(f).extracting(Finding::id).containsExactly("fingerprint.agent-version");
    assertThat(f.get(0).severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void referencePopulationGivesBitsWithoutObservedPeers() {
    ProtocolFingerprintDetector withRef = new ProtocolFingerprintDetector(
        ProtocolFingerprintDetector.Thresholds.defaults(), ReferencePopulation.ethereumConsensus2023());
    List<Finding> rare = withRef.detect(SnapshotBuilder.create().disclosed("grandine/0.4", List.of(), List.of()).build());
    assertThat(rare).hasSize(1);
    assertThat((Double) rare.get(0).evidence().get("referenceBits")).isCloseTo(-Math.log(0.048) / Math.log(2), within(1e-3));
    assertThat(rare.get(0).evidence().get("referenceAgentName")).isEqualTo("grandine");

    List<Finding> common = withRef.detect(SnapshotBuilder.create().disclosed("teku/v23.10.0", List.of(), List.of()).build());
    assertThat(common).isEmpty();
  }

  @Test
  void flagsPlatformDetailsInTheAgentVersion() {
    List<Finding> f = detector.detect(SnapshotBuilder.create()
        .disclosed("teku/v23.1.0/linux-x86_64/-eclipseadoptium-openjdk64bitservervm-java-17", List.of(), List.of()).build());
    assertThat(f).extracting(Finding::id).containsExactly("fingerprint.verbose-agent");
    assertThat(f.get(0).evidence().get("tokens").toString()).contains("linux", "x86_64", "openjdk");
  }
}
