package dev.privacyagent.analyzer.event;

/**
 * One delivery of a gossip message by {@code peerId} (per-message detail, written only when the
 * agent is asked to: sampled or all). Counts come from {@link GossipTopicStats} and {@link
 * GossipPeerStats}; the collector never adds these events to them.
 *
 * @param first true for the first copy our node saw, false for a duplicate
 * @param duplicateDelayNanos for a duplicate, the time since the first copy; null for the first
 */
public record GossipMessageReceived(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String topic,
    String messageId,
    String peerId,
    long size,
    boolean first,
    GossipValidation validation,
    Long duplicateDelayNanos)
    implements GossipEvent {}
