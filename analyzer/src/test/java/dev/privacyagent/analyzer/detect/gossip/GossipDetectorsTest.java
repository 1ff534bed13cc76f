package dev.privacyagent.analyzer.detect.gossip;

import static dev.privacyagent.analyzer.detect.gossip.GossipFixture.MIN;
import static dev.privacyagent.analyzer.detect.gossip.GossipFixture.subnet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.detect.SnapshotBuilder;
import dev.privacyagent.analyzer.event.GossipPublishMode;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each gossip detector: a case that must fire and one that must not. */
class GossipDetectorsTest {
  static final GossipSettings S = GossipSettings.defaults();
  static final String BLOCK = "/eth2/00000000/beacon_block/ssz_snappy";

  static List<Finding> run(PerNodeGossipDetector d, GossipView v) {
    return d.detect(SnapshotBuilder.create().gossip(v).build());
  }

  // 1. subscription fingerprint

  @Test
  void aUniqueSubnetSetIsAFingerprint() {
    GossipFixture f = new GossipFixture().start(0).subscribe(1, BLOCK, true).subscribe(1, subnet(7), true)
        .subscribe(1, subnet(40), true);
    for (int i = 0; i < 20; i++) {
      f.peer("p" + i, List.of(BLOCK, subnet(i), subnet(i + 20)));
    }
    List<Finding> out = run(new SubscriptionFingerprintDetector(SubscriptionFingerprintDetector.Thresholds.defaults(), S),
        f.end(MIN).view());
    assertThat(out).singleElement().satisfies(x -> {
      assertThat(x.id()).isEqualTo("gossip.subscription-fingerprint");
      assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
      assertThat((Double) x.evidence().get("dutySubnetBits")).isCloseTo(Math.log(21) / Math.log(2), within(1e-3));
      assertThat(x.evidence().get("dutySubnets")).isEqualTo(List.of("beacon_attestation_40", "beacon_attestation_7"));
    });
  }

  @Test
  void aSubnetSetManyPeersShareIsNot() {
    GossipFixture f = new GossipFixture().start(0).subscribe(1, BLOCK, true).subscribe(1, subnet(7), true);
    f.peers("same", 8, List.of(BLOCK, subnet(7))).peers("other", 12, List.of(BLOCK, subnet(3)));
    assertThat(run(new SubscriptionFingerprintDetector(SubscriptionFingerprintDetector.Thresholds.defaults(), S),
        f.end(MIN).view())).isEmpty();
    // and too few peers to say anything
    GossipFixture few = new GossipFixture().start(0).subscribe(1, subnet(9), true).peers("p", 3, List.of(subnet(1)));
    assertThat(run(new SubscriptionFingerprintDetector(SubscriptionFingerprintDetector.Thresholds.defaults(), S),
        few.end(MIN).view())).isEmpty();
  }

  // 2. duty exposure

  @Test
  void dutiesOffOurLongLivedSubnetsAreExposedWithTheProbabilityOfTheFormula() {
    GossipFixture f = new GossipFixture().start(0).subscribe(1, subnet(1), true);
    f.publish(10 * MIN, subnet(5), 8, GossipPublishMode.FANOUT, 12, 0); // unsubscribed
    f.subscribe(20 * MIN, subnet(9), true).publish(21 * MIN, subnet(9), 6, GossipPublishMode.MESH, 6, 0)
        .subscribe(23 * MIN, subnet(9), false); // bracketed by a short subscription
    f.publish(30 * MIN, subnet(1), 6, GossipPublishMode.MESH, 6, 0); // covered
    GossipView v = f.end(60 * MIN).view();
    DutyExposure x = DutyExposure.measure(v, S);
    assertThat(x.dutyPublishes()).isEqualTo(3);
    assertThat(x.unsubscribed()).isEqualTo(1);
    assertThat(x.bracketed()).isEqualTo(1);
    double p8 = 1 - Math.pow(0.9, 8);
    double p6 = 1 - Math.pow(0.9, 6);
    assertThat(x.meanLinkProbability()).isCloseTo((p8 + p6) / 3, within(1e-12));
    assertThat(x.anyLinkProbability()).isCloseTo(1 - (1 - p8) * (1 - p6), within(1e-12));
    List<Finding> out = run(new DutyExposureDetector(DutyExposureDetector.Thresholds.defaults(), S), v);
    assertThat(out).singleElement().satisfies(d -> {
      assertThat(d.severity()).isEqualTo(Severity.HIGH);
      assertThat(d.evidence().get("dutySubnets")).isEqualTo(List.of("beacon_attestation_5", "beacon_attestation_9"));
    });
    // f is configurable: a weaker adversary, a lower probability and severity
    GossipSettings weak = S.withAdversaryShare(0.01);
    assertThat(DutyExposure.measure(v, weak).meanLinkProbability())
        .isCloseTo((1 - Math.pow(0.99, 8) + 1 - Math.pow(0.99, 6)) / 3, within(1e-12));
    assertThat(run(new DutyExposureDetector(DutyExposureDetector.Thresholds.defaults(), weak), v))
        .singleElement().extracting(Finding::severity).isEqualTo(Severity.LOW);
  }

  @Test
  void dutiesOnLongLivedSubnetsAndNonDutyTopicsAreNotExposed() {
    GossipFixture f = new GossipFixture().start(0);
    for (int i = 0; i < 64; i++) {
      f.subscribe(1, subnet(i), true);
    }
    for (int e = 0; e < 10; e++) {
      f.publish(e * 6 * MIN + 5, subnet(e * 7 % 64), 6, GossipPublishMode.MESH, 6, 0);
      f.publish(e * 6 * MIN + 6, BLOCK, 8, GossipPublishMode.FANOUT, 20, 0); // not a duty topic
    }
    GossipView v = f.end(60 * MIN).view();
    assertThat(DutyExposure.measure(v, S).meanLinkProbability()).isZero();
    assertThat(run(new DutyExposureDetector(DutyExposureDetector.Thresholds.defaults(), S), v)).isEmpty();
  }

  // 3. origin exposure

  @Test
  void floodPublishAndTheIdontwantMarkerAreOriginExposure() {
    GossipFixture f = new GossipFixture().start(0).subscribe(1, BLOCK, true);
    for (int i = 0; i < 6; i++) {
      f.publish(i * MIN, BLOCK, 25, GossipPublishMode.FLOOD, 25, i < 2 ? 6 : 0);
    }
    List<Finding> out = run(new OriginExposureDetector(OriginExposureDetector.Thresholds.defaults()), f.end(10 * MIN).view());
    assertThat(out).extracting(Finding::id)
        .containsExactly("gossip.flood-publish", "gossip.idontwant-origin-marker", "gossip.origin-first-hand");
    assertThat(out.get(0).severity()).isEqualTo(Severity.HIGH);
    assertThat(out.get(1).evidence().get("markedPublishes")).isEqualTo(2L);
    // a publish reaching >= 90% of many topic peers is a flood even when the mode is unknown
    GossipFixture g = new GossipFixture().start(0).publish(1, BLOCK, 14, GossipPublishMode.UNKNOWN, 15, 0);
    assertThat(run(new OriginExposureDetector(OriginExposureDetector.Thresholds.defaults()), g.end(MIN).view()))
        .extracting(Finding::id).containsExactly("gossip.flood-publish");
  }

  @Test
  void meshPublishingIsOnlyLow() {
    GossipFixture f = new GossipFixture().start(0).subscribe(1, BLOCK, true);
    for (int i = 0; i < 6; i++) {
      f.publish(i * MIN, BLOCK, 6, GossipPublishMode.MESH, 40, 0);
    }
    assertThat(run(new OriginExposureDetector(OriginExposureDetector.Thresholds.defaults()), f.end(10 * MIN).view()))
        .singleElement().satisfies(x -> {
          assertThat(x.id()).isEqualTo("gossip.origin-first-hand");
          assertThat(x.severity()).isEqualTo(Severity.LOW);
        });
    // too few publishes: nothing
    GossipFixture few = new GossipFixture().start(0).publish(1, BLOCK, 6, GossipPublishMode.MESH, 40, 0);
    assertThat(run(new OriginExposureDetector(OriginExposureDetector.Thresholds.defaults()), few.end(MIN).view())).isEmpty();
  }

  // 4. publish rate

  @Test
  void aSteadyDutyCountPerEpochRevealsTheValidatorCount() {
    GossipFixture f = new GossipFixture().start(0);
    long epoch = S.epochMillis();
    for (int e = 0; e < 6; e++) {
      for (int v = 0; v < 3; v++) {
        f.publish(e * epoch + 1_000 + v * 50_000, subnet((e * 3 + v) % 64), 6, GossipPublishMode.FANOUT, 10, 0);
      }
    }
    List<Finding> out = run(new PublishRateDetector(PublishRateDetector.Thresholds.defaults(), S), f.end(6 * epoch + 1).view());
    assertThat(out).singleElement().satisfies(x -> {
      assertThat(x.evidence().get("estimatedValidators")).isEqualTo(3L);
      assertThat(x.evidence().get("epochs")).isEqualTo(6L);
      assertThat(x.severity()).isEqualTo(Severity.MEDIUM);
    });
  }

  @Test
  void irregularPublishingOrTooFewEpochsIsNoRateFingerprint() {
    long epoch = S.epochMillis();
    GossipFixture bursty = new GossipFixture().start(0);
    int[] counts = {9, 0, 1, 0, 12, 0};
    for (int e = 0; e < counts.length; e++) {
      for (int i = 0; i < counts[e]; i++) {
        bursty.publish(e * epoch + 1_000 + i * 1_000, subnet(i), 6, GossipPublishMode.FANOUT, 10, 0);
      }
    }
    assertThat(run(new PublishRateDetector(PublishRateDetector.Thresholds.defaults(), S), bursty.end(6 * epoch + 1).view()))
        .isEmpty();
    GossipFixture short_ = new GossipFixture().start(0).publish(1_000, subnet(1), 6, GossipPublishMode.FANOUT, 10, 0)
        .publish(epoch + 1_000, subnet(2), 6, GossipPublishMode.FANOUT, 10, 0);
    assertThat(run(new PublishRateDetector(PublishRateDetector.Thresholds.defaults(), S), short_.end(2 * epoch + 1).view()))
        .isEmpty();
  }

  // 5. observable origins

  @Test
  void peersFirstDeliveringOffTheirSubnetsAreLocatable() {
    GossipFixture f = new GossipFixture().start(0).subscribe(1, subnet(1), true).subscribe(1, subnet(2), true)
        .peer("relay", List.of(subnet(1), subnet(2))).peer("origin", List.of(subnet(1)))
        .firstDeliveries(MIN, "relay", List.of(subnet(1), subnet(2)))
        .firstDeliveries(MIN, "origin", List.of(subnet(1), subnet(2)));
    List<Finding> out = run(new ObservableOriginsDetector(ObservableOriginsDetector.Thresholds.defaults(), S), f.end(2 * MIN).view());
    assertThat(out).singleElement().satisfies(x -> {
      assertThat(x.severity()).isEqualTo(Severity.INFO);
      assertThat(x.evidence().get("locatablePeers")).isEqualTo(1L);
      assertThat(x.evidence().get("peers")).isEqualTo(List.of("origin: beacon_attestation_2"));
    });
  }

  @Test
  void relaysOnTheirOwnSubnetsAreNotLocatable() {
    GossipFixture f = new GossipFixture().start(0).subscribe(1, subnet(1), true)
        .peer("relay", List.of(subnet(1))).firstDeliveries(MIN, "relay", List.of(subnet(1)))
        // a peer whose topics we do not know (it never announced any) is not judged
        .firstDeliveries(MIN, "silent", List.of(subnet(1)));
    assertThat(run(new ObservableOriginsDetector(ObservableOriginsDetector.Thresholds.defaults(), S), f.end(2 * MIN).view()))
        .isEmpty();
  }

  @Test
  void longLivedIsJudgedAgainstTheObservedTimeForShortRuns() {
    // a 60 s demo: a subscription held the whole run is long-lived, one of 10 s is not
    GossipFixture f = new GossipFixture().start(0).subscribe(1, subnet(1), true)
        .subscribe(20_000, subnet(2), true).publish(25_000, subnet(2), 6, GossipPublishMode.MESH, 6, 0)
        .subscribe(30_000, subnet(2), false).publish(40_000, subnet(1), 6, GossipPublishMode.MESH, 6, 0);
    DutyExposure x = DutyExposure.measure(f.end(60_000).view(), S);
    assertThat(x.dutyPublishes()).isEqualTo(2);
    assertThat(x.bracketed()).isEqualTo(1);
    assertThat(x.unsubscribed()).isZero();
  }
}
