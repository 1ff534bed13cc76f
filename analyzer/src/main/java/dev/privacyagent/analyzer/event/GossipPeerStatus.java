package dev.privacyagent.analyzer.event;

/**
 * A gossip peer became active ({@code active} true: our outbound gossip stream is up) or went
 * away; a peer that goes away drops all its topics without an UNSUBSCRIBE.
 */
public record GossipPeerStatus(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String peerId,
    boolean active,
    boolean preexisting)
    implements GossipEvent {}
