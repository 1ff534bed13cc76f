package dev.privacyagent.analyzer.event;

/** A dial failed: refused, timed out, wrong remote peer id, handshake error, closed transport. */
public record DialFailed(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String peerId,
    String addr,
    String errorClass,
    String message)
    implements Event {}
