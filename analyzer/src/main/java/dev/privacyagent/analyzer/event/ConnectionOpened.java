package dev.privacyagent.analyzer.event;

/**
 * A connection finished its upgrade (security and muxer set). {@code preexisting} is true when
 * the agent found the connection already open at attach time rather than seeing it open.
 */
public record ConnectionOpened(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String connId,
    String localPeerId,
    String remotePeerId,
    String localAddr,
    String remoteAddr,
    Direction direction,
    String transport,
    String security,
    String muxer,
    boolean preexisting)
    implements Event {}
