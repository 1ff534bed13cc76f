package dev.privacyagent.analyzer.event;

/**
 * {@code peerId} joined ({@code added} true: GRAFT) or left (PRUNE) our mesh of {@code topic}.
 *
 * @param initiator LOCAL when our router sent the GRAFT/PRUNE, REMOTE when the peer did
 * @param backoffSeconds the PRUNE backoff, null for a GRAFT or when none was given
 * @param preexisting a mesh member found at attach
 */
public record GossipMeshChange(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String peerId,
    String topic,
    boolean added,
    GossipInitiator initiator,
    Long backoffSeconds,
    boolean preexisting)
    implements GossipEvent {}
