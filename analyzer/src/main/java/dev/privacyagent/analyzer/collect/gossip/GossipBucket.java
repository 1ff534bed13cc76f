package dev.privacyagent.analyzer.collect.gossip;

/**
 * Gossip activity in one time bucket of {@link GossipView#bucketMillis()} starting at
 * {@code startWall}: what the over-time charts show.
 *
 * @param ownUnsubscribed own publishes on topics we were not subscribed to at the time
 * @param maxRecipientsUnsubscribed the most first-hand recipients of one such publish
 */
public record GossipBucket(
    long startWall,
    long ownPublished,
    long ownUnsubscribed,
    long maxRecipientsUnsubscribed,
    long received,
    long firstDeliveries,
    long duplicates,
    long relayed) {}
