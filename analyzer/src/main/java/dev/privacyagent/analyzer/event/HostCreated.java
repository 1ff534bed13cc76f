package dev.privacyagent.analyzer.event;

/** A libp2p host came into existence; {@code node} is its peer id. */
public record HostCreated(long seq, long timeNanos, long wallMillis, String node, String peerId)
    implements Event {}
