package dev.privacyagent.agent.dispatch.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficTest {
  @Test
  void topicsThatDifferInOneCharacterGetTheirOwnCounters() {
    Traffic traffic = new Traffic();
    Set<Traffic.TopicCounters> seen = new HashSet<>();
    // 300 topics of the same length and shape, read twice, as new strings
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 300; i++) {
        String topic = new String("/eth2/6a95a1a9/beacon_attestation_" + (100 + i) + "/ssz_snappy");
        Traffic.TopicCounters c = traffic.topic(topic);
        assertThat(c.name).isEqualTo(topic);
        c.first.increment();
        if (round == 0) {
          assertThat(seen.add(c)).isTrue();
        } else {
          assertThat(seen).contains(c);
        }
      }
    }
    assertThat(traffic.topics).hasSize(300);
    assertThat(traffic.topics.values()).allSatisfy(c -> assertThat(c.first.total()).isEqualTo(2));
    assertThat(traffic.topic(null).name).isEqualTo(Traffic.OTHER);
  }

  @Test
  void aPeersFirstDeliveryTopicsAreReportedOnceAndClearedByTheFlush() {
    Traffic traffic = new Traffic();
    Traffic.PeerCounters p = traffic.peer("12D3KooWAlice");
    for (int i = 0; i < 100; i++) {
      Traffic.TopicCounters t = traffic.topic("/t/" + (i % 70));
      p.first.increment();
      p.firstOn(t);
    }
    java.util.List<Object> stats = traffic.flush(new GossipEvents(new dev.privacyagent.agent.dispatch.Clock(), e -> { }), "n");
    dev.privacyagent.analyzer.event.GossipPeerStats s = stats.stream()
        .filter(dev.privacyagent.analyzer.event.GossipPeerStats.class::isInstance)
        .map(dev.privacyagent.analyzer.event.GossipPeerStats.class::cast).findFirst().orElseThrow();
    assertThat(s.firstDeliveries()).isEqualTo(100);
    // 70 distinct topics, listed up to the cap, each once
    assertThat(s.firstDeliveryTopics()).hasSize(Traffic.MAX_FIRST_TOPICS).doesNotHaveDuplicates();
    p.first.increment();
    p.firstOn(traffic.topic("/t/3"));
    java.util.List<Object> next = traffic.flush(new GossipEvents(new dev.privacyagent.agent.dispatch.Clock(), e -> { }), "n");
    assertThat(next).filteredOn(dev.privacyagent.analyzer.event.GossipPeerStats.class::isInstance)
        .singleElement().satisfies(o -> {
          dev.privacyagent.analyzer.event.GossipPeerStats g = (dev.privacyagent.analyzer.event.GossipPeerStats) o;
          assertThat(g.firstDeliveries()).isEqualTo(1);
          assertThat(g.firstDeliveryTopics()).containsExactly("/t/3");
        });
  }

  @Test
  void aPeerCountsOncePerMeshAndItsDisconnectTakesItsMeshPlacesAway() {
    Traffic traffic = new Traffic();
    Traffic.TopicCounters a = traffic.topic("/a");
    Traffic.TopicCounters b = traffic.topic("/b");
    traffic.meshChange("alice", a, true);
    traffic.meshChange("alice", a, true); // a repeated callback is one mesh place
    traffic.meshChange("alice", b, true);
    traffic.meshChange("bob", a, true);
    traffic.meshChange("carol", b, false); // never meshed: nothing to take away
    assertThat(a.mesh.get()).isEqualTo(2);
    assertThat(b.mesh.get()).isEqualTo(1);
    // the router drops a disconnected peer from its meshes without a PRUNE callback
    traffic.peerGone("alice");
    assertThat(a.mesh.get()).isEqualTo(1);
    assertThat(b.mesh.get()).isZero();
    traffic.meshChange("bob", a, false);
    assertThat(a.mesh.get()).isZero();
    traffic.peerGone("alice"); // twice: nothing left to remove
    assertThat(a.mesh.get()).isZero();
  }
}
