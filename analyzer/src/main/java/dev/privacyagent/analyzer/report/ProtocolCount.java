package dev.privacyagent.analyzer.report;

/**
 * One protocol id: streams that negotiated it and remote peers that advertised it in identify.
 */
public record ProtocolCount(String protocolId, long streams, long peersAdvertising) {}
