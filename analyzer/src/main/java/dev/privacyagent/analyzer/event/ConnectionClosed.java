package dev.privacyagent.analyzer.event;

/** A connection closed; {@code reason} is null when unknown. */
public record ConnectionClosed(
    long seq, long timeNanos, long wallMillis, String node, String connId, String reason)
    implements Event {}
