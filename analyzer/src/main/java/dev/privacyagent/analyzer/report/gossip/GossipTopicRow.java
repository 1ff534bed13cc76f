package dev.privacyagent.analyzer.report.gossip;

/**
 * One topic of a node's gossip section. {@code topic} is bounded (an untrusted string);
 * renderers escape it.
 *
 * @param subscribed our node holds the topic now
 * @param subscribedMillis how long it held it over the run (kept periods)
 * @param periods subscription periods (more than one: the node left and came back)
 * @param firstSubscribedWall start of the oldest kept period, 0 when never subscribed
 */
public record GossipTopicRow(
    String topic,
    boolean subscribed,
    long subscribedMillis,
    long periods,
    long firstSubscribedWall,
    long meshPeers,
    long topicPeers,
    long received,
    long firstDeliveries,
    long duplicates,
    long relayed,
    long published,
    double meanDuplicateDelayMillis) {}
