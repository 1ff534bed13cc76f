package dev.privacyagent.analyzer.event;

/**
 * The gossip protocol negotiated with {@code peerId} on one stream ({@code /meshsub/1.2.0}, ...);
 * {@code direction} OUTBOUND for the stream our node opened.
 */
public record GossipPeerProtocol(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String peerId,
    String protocolId,
    Direction direction)
    implements GossipEvent {}
