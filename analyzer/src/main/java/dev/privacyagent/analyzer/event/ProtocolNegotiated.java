package dev.privacyagent.analyzer.event;

/** Multistream-select agreed on {@code protocolId} for stream {@code streamId}. */
public record ProtocolNegotiated(
    long seq, long timeNanos, long wallMillis, String node, String streamId, String protocolId)
    implements Event {}
