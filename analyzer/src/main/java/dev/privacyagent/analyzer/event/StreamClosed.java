package dev.privacyagent.analyzer.event;

/** A stream closed or was reset; byte counts are null when the source does not know them. */
public record StreamClosed(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String streamId,
    Long bytesIn,
    Long bytesOut)
    implements Event {}
