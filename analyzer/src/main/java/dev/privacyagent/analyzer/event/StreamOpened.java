package dev.privacyagent.analyzer.event;

/** A stream was created on connection {@code connId}. */
public record StreamOpened(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String streamId,
    String connId,
    Direction direction)
    implements Event {}
