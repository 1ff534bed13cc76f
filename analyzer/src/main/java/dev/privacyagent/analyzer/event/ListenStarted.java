package dev.privacyagent.analyzer.event;

/** The node listens on {@code localAddr} (the bound address, with the real port). */
public record ListenStarted(long seq, long timeNanos, long wallMillis, String node, String localAddr)
    implements Event {}
