package dev.privacyagent.analyzer.collect.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.CollectorConfig;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.*;
import java.util.List;
import org.junit.jupiter.api.Test;

class GossipAggregatesTest {
  static final String N = "node-a";
  static final String T = "/eth2/x/beacon_attestation_3/ssz_snappy";
  long seq;

  private GossipView fold(GossipEvent... events) {
    GossipAggregates g = new GossipAggregates(0);
    for (GossipEvent e : events) {
      g.fold(e);
    }
    return g.views().get(N);
  }

  GossipLocalSubscription sub(long wall, String topic, boolean on) {
    return new GossipLocalSubscription(++seq, wall * 1_000_000, wall, N, topic, on, false);
  }

  GossipPeerSubscription peerSub(long wall, String peer, String topic, boolean on) {
    return new GossipPeerSubscription(++seq, wall * 1_000_000, wall, N, peer, topic, on, false);
  }

  GossipMeshChange mesh(long wall, String peer, String topic, boolean added, GossipInitiator who) {
    return new GossipMeshChange(++seq, wall * 1_000_000, wall, N, peer, topic, added, who, added ? null : 60L, false);
  }

  GossipMessageReceived msg(long wall, String topic, String peer, boolean first) {
    return new GossipMessageReceived(++seq, wall * 1_000_000, wall, N, topic, "id" + seq, peer, 100, first,
        GossipValidation.VALID, first ? null : 2_000_000L);
  }

  GossipTopicStats stats(long wall, String topic, long received, long first, long dup) {
    return new GossipTopicStats(++seq, wall * 1_000_000, wall, N, topic, 10_000_000_000L, received, first, dup, 0, 0,
        received * 100, dup * 2_000_000, 2_000_000, 0, first, 3, 5, received);
  }

  GossipPublish pub(long wall, String topic, List<String> to) {
    return new GossipPublish(++seq, wall * 1_000_000, wall, N, topic, "m" + seq, 200, to.size(), to,
        GossipPublishMode.MESH, 0, to.size(), to.size(), null);
  }

  @Test
  void subscriptionPeriodsMeshAndPeerTopicsFollowTheEvents() {
    GossipView v = fold(
        sub(1_000, T, true), sub(1_500, T, true), sub(5_000, T, false), sub(9_000, T, true),
        peerSub(1_000, "p1", T, true), peerSub(1_000, "p2", T, true), peerSub(1_100, "p3", T, true),
        mesh(1_200, "p1", T, true, GossipInitiator.LOCAL), mesh(1_200, "p2", T, true, GossipInitiator.REMOTE),
        mesh(2_000, "p2", T, false, GossipInitiator.REMOTE),
        new GossipPeerStatus(++seq, 0, 3_000, N, "p1", false, false),
        new GossipPeerProtocol(++seq, 0, 3_000, N, "p3", "/meshsub/1.2.0", Direction.OUTBOUND));
    LocalTopic lt = v.localTopics().get(T);
    assertThat(lt.periods()).containsExactly(new LocalTopic.Period(1_000, 5_000), new LocalTopic.Period(9_000, 0));
    assertThat(lt.subscriptions()).isEqualTo(2);
    assertThat(lt.subscribedNow()).isTrue();
    assertThat(lt.subscribedMillis(10_000)).isEqualTo(4_000 + 1_000);
    TopicTraffic t = v.topics().get(T);
    // p1 went away (mesh place and topic gone), p2 pruned, p3 still subscribed
    assertThat(t.meshPeers()).isZero();
    assertThat(t.topicPeers()).isEqualTo(2);
    assertThat(t.grafts()).isEqualTo(2);
    assertThat(t.localGrafts()).isEqualTo(1);
    assertThat(t.prunes()).isEqualTo(1);
    assertThat(t.localPrunes()).isZero();
    assertThat(v.peers().get("p1").topics()).isEmpty();
    assertThat(v.peers().get("p3").protocolId()).isEqualTo("/meshsub/1.2.0");
  }

  @Test
  void countsComeFromTheStatsWhenPresentAndFromMessagesOnlyWithoutThem() {
    GossipView onlyMessages = fold(msg(1_000, T, "p1", true), msg(1_001, T, "p2", false), msg(1_002, T, "p2", true));
    TopicTraffic m = onlyMessages.topics().get(T);
    assertThat(m.received()).isEqualTo(3);
    assertThat(m.firstDeliveries()).isEqualTo(2);
    assertThat(m.duplicates()).isEqualTo(1);
    assertThat(onlyMessages.peers().get("p2").firstDeliveryTopics()).containsEntry(T, 1L);

    GossipView both = fold(msg(1_000, T, "p1", true), msg(1_001, T, "p2", false), stats(10_000, T, 50, 10, 40));
    TopicTraffic s = both.topics().get(T);
    assertThat(s.received()).isEqualTo(50);
    assertThat(s.firstDeliveries()).isEqualTo(10);
    assertThat(s.duplicates()).isEqualTo(40);
    assertThat(s.messageEvents()).isEqualTo(2);
    assertThat(s.messageEventsSkipped()).isEqualTo(50);
    assertThat(both.counters().messageEvents()).isEqualTo(2);
    assertThat(s.meanDuplicateDelayNanos()).isEqualTo(2_000_000);
  }

  @Test
  void ownPublishesKnowTheirSubscriptionPeriodAndFirstHandRecipients() {
    GossipView v = fold(sub(1_000, T, true), pub(2_000, T, List.of("p1", "p2")), sub(3_000, T, false),
        pub(50_000, T, List.of("p1")));
    assertThat(v.publishes()).hasSize(2);
    assertThat(v.publishes().get(0).subscribedSinceWall()).isEqualTo(1_000);
    assertThat(v.publishes().get(0).subscribedUntilWall()).isEqualTo(3_000);
    assertThat(v.publishes().get(1).subscribedSinceWall()).isZero();
    assertThat(v.peers().get("p1").firstHandCopies()).isEqualTo(2);
    assertThat(v.topics().get(T).published()).isEqualTo(2);
    assertThat(v.buckets()).extracting(GossipBucket::ownUnsubscribed).contains(1L);
    assertThat(v.buckets().stream().mapToLong(GossipBucket::ownPublished).sum()).isEqualTo(2);
  }

  @Test
  void topicsBeyondTheBoundAreDroppedAndCounted() {
    GossipAggregates g = new GossipAggregates(0);
    for (int i = 0; i < GossipLimits.TOPICS + 10; i++) {
      g.fold(peerSub(1_000, "p", "t" + i, true));
    }
    GossipView v = g.views().get(N);
    assertThat(v.topics()).hasSize(GossipLimits.TOPICS);
    assertThat(v.counters().droppedTopics()).isEqualTo(10);
    assertThat(v.peers().get("p").topics()).hasSize(GossipLimits.TOPICS_PER_PEER);
    assertThat(v.counters().droppedPeerTopics()).isEqualTo(GossipLimits.TOPICS - GossipLimits.TOPICS_PER_PEER);
  }

  @Test
  void bucketsDoubleInsteadOfGrowingWithoutBound() {
    GossipAggregates g = new GossipAggregates(0);
    long day = 86_400_000L;
    for (long w = 0; w < day; w += 5_000) {
      g.fold(pub(w, T, List.of("p")));
    }
    GossipView v = g.views().get(N);
    assertThat(v.buckets().size()).isLessThanOrEqualTo(GossipLimits.BUCKETS);
    assertThat(v.bucketMillis()).isGreaterThan(Buckets.START_MILLIS);
    assertThat(v.buckets().stream().mapToLong(GossipBucket::ownPublished).sum()).isEqualTo(day / 5_000);
    assertThat(v.counters().evictedPublishes()).isEqualTo(day / 5_000 - GossipLimits.PUBLISHES);
  }

  @Test
  void aMainnetLikeStreamStaysWithinTheCollectorsMemoryCapAndCountsItsEvictions() {
    long cap = 4L << 20;
    MetadataCollector c = new MetadataCollector(CollectorConfig.defaults().withMemoryCap(cap));
    // 10,000 deliveries a second for 30 s from a churning peer population, with per-interval stats
    long wall = 1_000_000;
    int peerSeq = 0;
    for (int s = 0; s < 30; s++) {
      for (int i = 0; i < 10_000; i++) {
        String peer = "peer-" + (peerSeq++ % 20_000);
        String topic = "/eth2/x/beacon_attestation_" + (i % 64) + "/ssz_snappy";
        c.ingest(new GossipMessageReceived(++seq, 0, wall + s * 1000L, N, topic, "m" + i, peer, 200, i % 8 == 0,
            GossipValidation.VALID, i % 8 == 0 ? null : 1_000_000L));
        if (i % 500 == 0) {
          c.ingest(new GossipPeerStatus(++seq, 0, wall + s * 1000L, N, peer, false, false));
        }
      }
      c.ingest(stats(wall + s * 1000L, "/eth2/x/beacon_attestation_1/ssz_snappy", 10_000, 1_250, 8_750));
    }
    Snapshot snap = c.snapshot();
    assertThat(snap.counters().estimatedBytes()).isLessThanOrEqualTo(cap);
    GossipView v = snap.gossipOf(N);
    assertThat(v.counters().evictedPeers()).isPositive();
    assertThat(v.peers().size()).isLessThanOrEqualTo(GossipLimits.PEERS);
    assertThat(v.counters().messageEvents()).isEqualTo(300_000);
    // gossip events never enter the raw-event ring that timing analysis reads
    assertThat(snap.recentEvents()).noneMatch(e -> e instanceof GossipEvent);
    assertThat(snap.counters().accepted()).isEqualTo(seq);
  }
}
