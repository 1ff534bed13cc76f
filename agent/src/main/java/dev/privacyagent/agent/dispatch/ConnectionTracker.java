package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.event.ConnectionClosed;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.HandshakeFailed;
import dev.privacyagent.analyzer.event.Transports;
import java.util.Locale;

/** Connections: upgrade ids, opened (once per connection), handshake failures, closed. */
final class ConnectionTracker {
  private final Registry registry;
  private final Emitter out;
  private final Failures failures;

  ConnectionTracker(Registry registry, Emitter out, Failures failures) {
    this.registry = registry;
    this.out = out;
    this.failures = failures;
  }

  /** {@code BroadcastConnectionHandler#handleConnection}: security and muxer are set now. */
  void handled(Object connection) {
    report(connection, false);
  }

  /** Reports {@code connection} as opened unless it was reported before (nested broadcasts). */
  void report(Object connection, boolean preexisting) {
    ConnState st = registry.connection(connection);
    if (!st.opened.compareAndSet(false, true)) {
      return;
    }
    Object secure = Reflect.callOrNull(connection, "secureSession");
    String local = secure == null ? null : Facts.peerId(Reflect.callOrNull(secure, "getLocalId"));
    String remote = secure == null ? null : Facts.peerId(Reflect.callOrNull(secure, "getRemoteId"));
    if (remote == null) {
      remote = st.remotePeerId;
    }
    st.remotePeerId = remote;
    if (local != null) {
      st.node = local;
    }
    String node = st.node != null ? st.node : Registry.UNKNOWN_NODE;
    String localAddr = Facts.addr(Reflect.callOrNull(connection, "localAddress"));
    String remoteAddr = Facts.addr(Reflect.callOrNull(connection, "remoteAddress"));
    String transport = transport(connection, remoteAddr, localAddr);
    if (st.security == null) {
      st.security = inferSecurity(secure);
    }
    if (st.security == null) {
      // QUIC never passes the security upgrade: its TLS runs inside the transport's handshake
      st.security = builtInSecurity(connection, transport);
    }
    if (st.muxer == null && !Transports.nativeStreams(transport)) {
      st.muxer = inferMuxer(connection, secure);
    }
    out.emit(
        new ConnectionOpened(
            out.seq(),
            out.nanos(),
            out.wall(),
            node,
            st.connId,
            local,
            remote,
            localAddr,
            remoteAddr,
            direction(connection),
            transport,
            st.security,
            st.muxer,
            preexisting));
    hookClose(connection, st);
  }

  /** A transport that runs its own security (QUIC) was constructed; its connections carry it. */
  void transportCreated(Object transport, String builtInSecurity) {
    if (transport != null && builtInSecurity != null) {
      registry.transport(transport).builtInSecurity = Facts.id(builtInSecurity);
    }
  }

  /** Fills in the local node of a connection seen before its ConnectionOpened (stream races). */
  void learnNode(Object connection, ConnState st) {
    Object secure = Reflect.callOrNull(connection, "secureSession");
    String local = secure == null ? null : Facts.peerId(Reflect.callOrNull(secure, "getLocalId"));
    if (local != null) {
      st.node = local;
    }
  }

  /** Registers the close callback once; the callback holds the agent's state, not the connection. */
  void hookClose(Object connection, ConnState st) {
    if (!st.closeHooked.compareAndSet(false, true)) {
      return;
    }
    Object closeFuture = Reflect.callOrNull(connection, "closeFuture");
    Futures.onComplete(
        closeFuture,
        (v, t) -> {
          if (st.opened.get() && st.closed.compareAndSet(false, true)) {
            out.emit(
                new ConnectionClosed(
                    out.seq(),
                    out.nanos(),
                    out.wall(),
                    st.node != null ? st.node : Registry.UNKNOWN_NODE,
                    st.connId,
                    t == null ? null : Facts.text(t.getClass().getSimpleName() + ": " + t.getMessage())));
          }
        },
        failures);
  }

  /**
   * {@code ProtocolBinding#initChannel(P2PChannel, String)} on a SecureChannel or StreamMuxer: the
   * negotiated id, and the only place an inbound handshake failure shows.
   */
  void upgrade(boolean security, Object channel, String protocolId, Object future, Throwable thrown) {
    ConnState st = registry.connection(channel);
    if (st.node == null) {
      TransportState ts = registry.transports.get(Reflect.callOrNull(channel, "transport"));
      if (ts != null && !Registry.UNKNOWN_NODE.equals(ts.node)) {
        st.node = ts.node;
      }
    }
    String id = protocolId == null ? null : Facts.id(protocolId);
    if (security) {
      st.security = id;
    } else {
      st.muxer = id;
    }
    // read now: the channel is connected (negotiation ran over it); it may be gone after a failure
    String remoteAddr = Facts.addr(Reflect.callOrNull(channel, "remoteAddress"));
    Direction dir = direction(channel);
    if (thrown != null) {
      handshakeFailed(st, remoteAddr, dir, id, thrown);
      return;
    }
    Futures.onComplete(
        future,
        (v, t) -> {
          if (t != null) {
            handshakeFailed(st, remoteAddr, dir, id, t);
          }
        },
        failures);
  }

  private void handshakeFailed(
      ConnState st, String remoteAddr, Direction dir, String protocol, Throwable t) {
    out.emit(
        new HandshakeFailed(
            out.seq(),
            out.nanos(),
            out.wall(),
            st.node != null ? st.node : Registry.UNKNOWN_NODE,
            st.connId,
            remoteAddr,
            dir,
            protocol,
            t.getClass().getName(),
            Facts.failure(t)));
  }

  static Direction direction(Object channel) {
    Object init = Reflect.callOrNull(channel, "isInitiator");
    if (init instanceof Boolean b) {
      return b ? Direction.OUTBOUND : Direction.INBOUND;
    }
    return Direction.UNKNOWN;
  }

  /**
   * The transport as a short name: from the remote address, else the local one ({@code quic-v1},
   * {@code quic} for draft-29, {@code tcp}, {@code ws}, see {@link Transports}), else the class name.
   */
  static String transport(Object connection, String remoteAddr, String localAddr) {
    String t = Transports.fromAddress(remoteAddr);
    if (t == null) {
      t = Transports.fromAddress(localAddr);
    }
    if (t != null) {
      return t;
    }
    Object tr = Reflect.callOrNull(connection, "transport");
    if (tr == null) {
      return null;
    }
    String n = tr.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    return Facts.id(n.endsWith("transport") && n.length() > 9 ? n.substring(0, n.length() - 9) : n);
  }

  /**
   * The security a connection's transport runs by itself: what its constructor hook recorded
   * (jvm-libp2p's QuicTransport), else what the transport name implies (after an attach the
   * constructor ran before the agent).
   */
  private String builtInSecurity(Object connection, String transport) {
    TransportState ts = registry.transports.get(Reflect.callOrNull(connection, "transport"));
    if (ts != null && ts.builtInSecurity != null) {
      return ts.builtInSecurity;
    }
    return Transports.builtInSecurity(transport);
  }

  /**
   * For connections the agent did not see upgrade (open before attach): the id implied by the
   * session's class, or null when the class name does not say.
   */
  private static String inferSecurity(Object secure) {
    if (secure == null) {
      return null;
    }
    String n = secure.getClass().getName().toLowerCase(Locale.ROOT);
    if (n.contains("noise")) {
      return "/noise";
    }
    if (n.contains("tls")) {
      return "/tls/1.0.0";
    }
    if (n.contains("plaintext")) {
      return "/plaintext/2.0.0";
    }
    if (n.contains("secio")) {
      return "/secio/1.0.0";
    }
    return null;
  }

  private static String inferMuxer(Object connection, Object secure) {
    Object early = secure == null ? null : Reflect.callOrNull(secure, "getEarlyMuxer");
    if (early != null && Reflect.callOrNull(early, "getProtocol") instanceof String p) {
      return Facts.id(p);
    }
    Object mux = Reflect.callOrNull(connection, "muxerSession");
    if (mux == null) {
      return null;
    }
    String n = mux.getClass().getName().toLowerCase(Locale.ROOT);
    if (n.contains("yamux")) {
      return "/yamux/1.0.0";
    }
    if (n.contains("mplex")) {
      return "/mplex/6.7.0";
    }
    return null;
  }
}
