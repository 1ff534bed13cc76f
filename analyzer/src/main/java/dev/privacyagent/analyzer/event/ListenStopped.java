package dev.privacyagent.analyzer.event;

/** The node stopped listening on {@code localAddr}. */
public record ListenStopped(long seq, long timeNanos, long wallMillis, String node, String localAddr)
    implements Event {}
