package dev.privacyagent.analyzer.event;

/**
 * Our node subscribed to ({@code subscribed} true) or unsubscribed from {@code topic}; every
 * gossip peer learns it. {@code preexisting}: a subscription found at attach.
 */
public record GossipLocalSubscription(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String topic,
    boolean subscribed,
    boolean preexisting)
    implements GossipEvent {}
