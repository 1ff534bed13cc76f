package dev.privacyagent.analyzer.collect.gossip;

/**
 * One topic's gossip traffic over the run. Received counts come from the per-interval
 * GossipTopicStats records; {@code published} and the recipients from GossipPublish.
 *
 * @param meshPeers peers in our mesh of the topic now (from mesh changes)
 * @param topicPeers peers known to subscribe now (from their announcements)
 * @param grafts peers added to the mesh, {@code localGrafts} of them by our router
 * @param prunes peers removed from the mesh, {@code localPrunes} of them by our router
 * @param messageEvents per-message GossipMessageReceived seen (detail only, never added to counts)
 * @param messageEventsSkipped deliveries the producer did not write a per-message event for
 */
public record TopicTraffic(
    String topic,
    long received,
    long firstDeliveries,
    long duplicates,
    long invalid,
    long ignored,
    long bytesReceived,
    long duplicateDelaySumNanos,
    long duplicateDelayMaxNanos,
    long relayed,
    long published,
    long publishedRecipients,
    long meshPeers,
    long topicPeers,
    long grafts,
    long localGrafts,
    long prunes,
    long localPrunes,
    long messageEvents,
    long messageEventsSkipped) {

  /** Mean delay of a duplicate after the first copy, 0 without duplicates. */
  public long meanDuplicateDelayNanos() {
    return duplicates == 0 ? 0 : duplicateDelaySumNanos / duplicates;
  }
}
