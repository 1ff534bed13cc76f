package dev.privacyagent.analyzer.event;

/**
 * Received and relayed traffic of one topic during the {@code intervalNanos} that end at this
 * event: counts since the previous GossipTopicStats of the same topic (deltas), gauges at its end.
 * Written per interval so that the events file need not hold every message.
 *
 * @param received every delivery (first copies and duplicates)
 * @param firstDeliveries messages seen for the first time
 * @param duplicates deliveries of messages already seen
 * @param invalid first deliveries that failed validation
 * @param ignored first deliveries the validator ignored
 * @param bytesReceived data bytes of all deliveries
 * @param duplicateDelaySumNanos sum over duplicates of their delay after the first copy
 * @param duplicateDelayMaxNanos the largest such delay
 * @param published own messages published (each also has a {@link GossipPublish})
 * @param relayed messages we forwarded to other peers (not our own)
 * @param meshPeers mesh size at the end of the interval
 * @param topicPeers peers known to subscribe at the end of the interval
 * @param messageEventsSkipped deliveries in the interval with no {@link GossipMessageReceived}
 *     written (sampling): counted, never silent
 */
public record GossipTopicStats(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String topic,
    long intervalNanos,
    long received,
    long firstDeliveries,
    long duplicates,
    long invalid,
    long ignored,
    long bytesReceived,
    long duplicateDelaySumNanos,
    long duplicateDelayMaxNanos,
    long published,
    long relayed,
    long meshPeers,
    long topicPeers,
    long messageEventsSkipped)
    implements GossipEvent {}
