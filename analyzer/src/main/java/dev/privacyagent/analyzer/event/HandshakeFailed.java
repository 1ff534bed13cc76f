package dev.privacyagent.analyzer.event;

/**
 * A security or muxer upgrade failed; the only place inbound handshake failures show.
 * {@code connId} may be null, {@code protocol} is the negotiated id ({@code /noise}, ...).
 */
public record HandshakeFailed(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String connId,
    String remoteAddr,
    Direction direction,
    String protocol,
    String errorClass,
    String message)
    implements Event {}
