package dev.privacyagent.analyzer.collect.gossip;

import java.util.List;
import java.util.Map;

/**
 * What our node knows of one gossip peer.
 *
 * @param topics the topics the peer announces now (at most {@value GossipLimits#TOPICS_PER_PEER})
 * @param meshTopics the topics for which the peer is in our mesh now
 * @param protocolId the negotiated /meshsub version, null when not seen
 * @param firstDeliveryTopics per topic, in how many intervals the peer delivered a first copy (at
 *     most {@value GossipLimits#TOPICS_PER_PEER} topics)
 * @param firstHandCopies own messages of ours the peer received directly from us
 */
public record GossipPeer(
    String peerId,
    boolean active,
    String protocolId,
    List<String> topics,
    List<String> meshTopics,
    long firstDeliveries,
    long duplicates,
    long invalid,
    long ihaveIn,
    long ihaveOut,
    long iwantIn,
    long iwantOut,
    long idontwantIn,
    long idontwantOut,
    Map<String, Long> firstDeliveryTopics,
    long firstHandCopies) {
  public GossipPeer {
    topics = List.copyOf(topics);
    meshTopics = List.copyOf(meshTopics);
    firstDeliveryTopics = Map.copyOf(firstDeliveryTopics);
  }
}
