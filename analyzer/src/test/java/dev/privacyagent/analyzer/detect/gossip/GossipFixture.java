package dev.privacyagent.analyzer.detect.gossip;

import dev.privacyagent.analyzer.collect.gossip.GossipAggregates;
import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.event.*;
import java.util.ArrayList;
import java.util.List;

/** Builds one node's gossip view from events, for detector tests. */
final class GossipFixture {
  static final String NODE = "12D3KooWLocal";
  static final long MIN = 60_000;
  private final GossipAggregates agg = new GossipAggregates(0);
  private long seq;

  static String subnet(int i) {
    return "/eth2/00000000/beacon_attestation_" + i + "/ssz_snappy";
  }

  GossipFixture start(long wall) {
    agg.fold(new GossipRouterCreated(++seq, 0, wall, NODE, "/meshsub/1.2.0", 6L, 4L, 12L, 6L, 0L, 1000L, false));
    return this;
  }

  GossipFixture subscribe(long wall, String topic, boolean on) {
    agg.fold(new GossipLocalSubscription(++seq, 0, wall, NODE, topic, on, false));
    return this;
  }

  GossipFixture peer(String id, List<String> topics) {
    agg.fold(new GossipPeerStatus(++seq, 0, 1, NODE, id, true, false));
    for (String t : topics) {
      agg.fold(new GossipPeerSubscription(++seq, 0, 1, NODE, id, t, true, false));
    }
    return this;
  }

  /** {@code n} peers announcing {@code topics}, ids prefix0..prefix(n-1). */
  GossipFixture peers(String prefix, int n, List<String> topics) {
    for (int i = 0; i < n; i++) {
      peer(prefix + i, topics);
    }
    return this;
  }

  GossipFixture publish(long wall, String topic, int recipients, GossipPublishMode mode, long topicPeers,
      long idontwant) {
    List<String> to = new ArrayList<>();
    for (int i = 0; i < recipients; i++) {
      to.add("r" + i);
    }
    agg.fold(new GossipPublish(++seq, 0, wall, NODE, topic, "m" + seq, 200, recipients, to, mode, idontwant,
        mode == GossipPublishMode.MESH ? recipients : 0, topicPeers, null));
    return this;
  }

  GossipFixture relayed(long wall, String topic, long relayed) {
    agg.fold(new GossipTopicStats(++seq, 0, wall, NODE, topic, 60_000_000_000L, relayed, relayed, 0, 0, 0, 0, 0, 0, 0,
        relayed, 6, 10, relayed));
    return this;
  }

  GossipFixture firstDeliveries(long wall, String peer, List<String> topics) {
    agg.fold(new GossipPeerStats(++seq, 0, wall, NODE, peer, 60_000_000_000L, topics.size(), 0, 0, 0, 0, 0, 0, 0, 0,
        topics));
    return this;
  }

  GossipFixture end(long wall) {
    agg.fold(new GossipPeerStats(++seq, 0, wall, NODE, "tick", 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of()));
    return this;
  }

  GossipView view() {
    return agg.views().get(NODE);
  }
}
