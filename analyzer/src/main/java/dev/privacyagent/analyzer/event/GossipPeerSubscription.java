package dev.privacyagent.analyzer.event;

/**
 * Remote peer {@code peerId} announced SUBSCRIBE ({@code subscribed} true) or UNSUBSCRIBE for
 * {@code topic}. {@code preexisting}: the peer's topic as found at attach.
 */
public record GossipPeerSubscription(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String peerId,
    String topic,
    boolean subscribed,
    boolean preexisting)
    implements GossipEvent {}
