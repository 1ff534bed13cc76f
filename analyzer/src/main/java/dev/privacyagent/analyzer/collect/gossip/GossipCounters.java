package dev.privacyagent.analyzer.collect.gossip;

/**
 * What the gossip aggregates dropped or only sampled: shown in every report and on /metrics.
 *
 * @param droppedTopics events about a topic beyond the {@value GossipLimits#TOPICS} topics kept
 * @param evictedPeers inactive peers evicted beyond the {@value GossipLimits#PEERS} kept
 * @param evictedPublishes own publishes beyond the newest {@value GossipLimits#PUBLISHES} kept in
 *     detail (they stay in the per-topic counts)
 * @param droppedPeerTopics peer topic announcements beyond {@value GossipLimits#TOPICS_PER_PEER}
 * @param messageEvents per-message GossipMessageReceived events seen
 * @param messageEventsSkipped deliveries the producer counted but wrote no per-message event for
 * @param estimatedBytes the gossip aggregates' memory estimate
 */
public record GossipCounters(
    long droppedTopics,
    long evictedPeers,
    long evictedPublishes,
    long droppedPeerTopics,
    long messageEvents,
    long messageEventsSkipped,
    long estimatedBytes) {

  /** State lost to the bounds (sampling is not a loss: it is counted separately). */
  public long totalDropped() {
    return droppedTopics + evictedPeers + evictedPublishes + droppedPeerTopics;
  }
}
