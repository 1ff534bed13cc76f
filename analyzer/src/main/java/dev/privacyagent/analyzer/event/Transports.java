package dev.privacyagent.analyzer.event;

/**
 * The vocabulary of {@link ConnectionOpened#transport()}: the short name a multiaddr implies, and
 * what a transport brings by itself. QUIC carries the libp2p TLS 1.3 handshake inside its own
 * handshake and multiplexes streams natively, so a QUIC connection never negotiates a separate
 * security protocol or muxer: its security is {@value #QUIC_SECURITY} and it has no muxer id.
 */
public final class Transports {
  /** QUIC v1, RFC 9000 ({@code /udp/N/quic-v1}). */
  public static final String QUIC_V1 = "quic-v1";
  /** The older QUIC draft-29 ({@code /udp/N/quic}). */
  public static final String QUIC_DRAFT29 = "quic";
  /** The libp2p TLS 1.3 handshake that QUIC runs inside its own (libp2p's QUIC spec). */
  public static final String QUIC_SECURITY = "/tls/1.0.0";

  private Transports() {}

  /**
   * The transport a multiaddr names: {@code quic-v1}, {@code quic} (draft-29), {@code
   * webtransport}, {@code ws}, {@code tcp}, {@code udp}; null when it names none of them.
   */
  public static String fromAddress(String addr) {
    if (addr == null) {
      return null;
    }
    if (has(addr, "/webtransport")) {
      return "webtransport";
    }
    if (has(addr, "/quic-v1")) {
      return QUIC_V1;
    }
    if (has(addr, "/quic")) {
      return QUIC_DRAFT29;
    }
    if (has(addr, "/ws") || has(addr, "/wss")) {
      return "ws";
    }
    if (addr.contains("/tcp/")) {
      return "tcp";
    }
    if (addr.contains("/udp/")) {
      return "udp";
    }
    return null;
  }

  /** True for a QUIC transport name (either version). */
  public static boolean isQuic(String transport) {
    return QUIC_V1.equals(transport) || QUIC_DRAFT29.equals(transport);
  }

  /**
   * The security protocol a transport always runs by itself, or null when security is negotiated
   * over it (TCP, WebSocket).
   */
  public static String builtInSecurity(String transport) {
    return isQuic(transport) ? QUIC_SECURITY : null;
  }

  /** True when the transport multiplexes streams itself: no muxer is negotiated. */
  public static boolean nativeStreams(String transport) {
    return isQuic(transport) || "webtransport".equals(transport);
  }

  /** The connection's security: the negotiated id, else what its transport runs by itself. */
  public static String effectiveSecurity(String transport, String security) {
    return security != null && !security.isEmpty() ? security : builtInSecurity(transport);
  }

  /** {@code part} as a whole protocol name: followed by '/' or the end. */
  private static boolean has(String addr, String part) {
    int from = 0;
    while (true) {
      int i = addr.indexOf(part, from);
      if (i < 0) {
        return false;
      }
      int end = i + part.length();
      if (end == addr.length() || addr.charAt(end) == '/') {
        return true;
      }
      from = i + 1;
    }
  }
}
