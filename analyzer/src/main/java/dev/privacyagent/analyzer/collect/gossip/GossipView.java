package dev.privacyagent.analyzer.collect.gossip;

import dev.privacyagent.analyzer.event.GossipRouterCreated;
import java.util.List;
import java.util.Map;

/**
 * Everything the collector knows about one local node's gossipsub use: the input of the gossip
 * detectors and of the gossip section of a report. Immutable.
 *
 * @param router the node's router parameters, null when no GossipRouterCreated was seen
 * @param localTopics the topics our node subscribed to, with their periods
 * @param topics per topic: traffic, mesh and subscriber counts
 * @param peers per gossip peer id
 * @param publishes the newest own publishes, oldest first
 * @param buckets activity per time bucket, oldest first
 * @param bucketMillis length of one bucket
 * @param firstWallMillis wall time of the node's oldest gossip event
 * @param lastWallMillis wall time of its newest
 */
public record GossipView(
    String node,
    long firstWallMillis,
    long lastWallMillis,
    GossipRouterCreated router,
    Map<String, LocalTopic> localTopics,
    Map<String, TopicTraffic> topics,
    Map<String, GossipPeer> peers,
    List<OwnPublish> publishes,
    List<GossipBucket> buckets,
    long bucketMillis,
    GossipCounters counters) {
  public GossipView {
    localTopics = Map.copyOf(localTopics);
    topics = Map.copyOf(topics);
    peers = Map.copyOf(peers);
    publishes = List.copyOf(publishes);
    buckets = List.copyOf(buckets);
  }

  /** Own publishes over the run, including those no longer kept in detail. */
  public long totalPublished() {
    long n = 0;
    for (TopicTraffic t : topics.values()) {
      n += t.published();
    }
    return n;
  }

  public long totalReceived() {
    long n = 0;
    for (TopicTraffic t : topics.values()) {
      n += t.received();
    }
    return n;
  }

  public long totalRelayed() {
    long n = 0;
    for (TopicTraffic t : topics.values()) {
      n += t.relayed();
    }
    return n;
  }
}
