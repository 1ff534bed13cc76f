package dev.privacyagent.analyzer.event;

/** A ping on connection {@code connId} to {@code remotePeerId} completed after {@code rttNanos}. */
public record PingRtt(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String connId,
    String remotePeerId,
    long rttNanos)
    implements Event {}
