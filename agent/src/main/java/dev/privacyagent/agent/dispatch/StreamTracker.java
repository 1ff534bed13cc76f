package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.event.IdentifyReceived;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.analyzer.event.PingRtt;
import dev.privacyagent.analyzer.event.ProtocolNegotiated;
import dev.privacyagent.analyzer.event.StreamClosed;
import dev.privacyagent.analyzer.event.StreamOpened;
import java.lang.ref.WeakReference;
import java.util.concurrent.Executor;

/** Streams: opened, protocol negotiated, closed; identify both ways; ping RTT. */
final class StreamTracker {
  private static final int PROTOCOL_RETRIES = 20;

  private final Registry registry;
  private final Emitter out;
  private final Failures failures;
  private final ConnectionTracker connections;
  private final Executor worker;
  private final boolean attached;

  StreamTracker(
      Registry registry,
      Emitter out,
      Failures failures,
      ConnectionTracker connections,
      Executor worker,
      boolean attached) {
    this.registry = registry;
    this.out = out;
    this.failures = failures;
    this.connections = connections;
    this.worker = worker;
    this.attached = attached;
  }

  /** {@code StreamOverNetty} constructor exit: once per stream per side. */
  void created(Object stream) {
    String streamId = registry.newStreamId();
    if (registry.streams.putIfAbsent(stream, streamId) != null) {
      return;
    }
    Object connection = Reflect.callOrNull(stream, "getConnection");
    ConnState conn = connection == null ? null : connectionOf(connection);
    String node = nodeOf(conn);
    String connId = conn == null ? null : conn.connId;
    out.emit(
        new StreamOpened(
            out.seq(),
            out.nanos(),
            out.wall(),
            node,
            streamId,
            connId,
            ConnectionTracker.direction(stream)));
    if (!watchProtocol(stream, streamId, conn)) {
      retryProtocol(new WeakReference<>(stream), streamId, conn, PROTOCOL_RETRIES);
    }
    Futures.onComplete(
        Reflect.callOrNull(stream, "closeFuture"),
        (v, t) ->
            out.emit(
                new StreamClosed(out.seq(), out.nanos(), out.wall(), nodeOf(conn), streamId, null, null)),
        failures);
  }

  /** Returns false when the stream has no protocol future yet. */
  private boolean watchProtocol(Object stream, String streamId, ConnState conn) {
    Object protocol = Reflect.callOrNull(stream, "getProtocol");
    return Futures.onComplete(
        protocol,
        (v, t) -> {
          if (t == null && v != null) {
            out.emit(
                new ProtocolNegotiated(
                    out.seq(), out.nanos(), out.wall(), nodeOf(conn), streamId, Facts.id(v.toString())));
          }
        },
        failures);
  }

  /**
   * Some implementations attach the protocol future after construction: look again on the agent's
   * thread, once per hand-off period, a bounded number of times.
   */
  private void retryProtocol(WeakReference<Object> ref, String streamId, ConnState conn, int left) {
    if (left <= 0) {
      return;
    }
    worker.execute(
        () -> {
          Object s = ref.get();
          if (s != null && !watchProtocol(s, streamId, conn)) {
            retryProtocol(ref, streamId, conn, left - 1);
          }
        });
  }

  /** {@code StreamOverNetty#writeAndFlush}: hot; only identify messages are of interest. */
  void write(Object stream, Object message) {
    if (attached && !registry.streams.containsKey(stream)) {
      discoverViaStream(stream);
    }
    if (Identify.isMessage(message.getClass())) {
      identify(stream, message, true);
    }
  }

  /** {@code IdentifyRequesterChannelHandler#onMessage(Stream, Identify)}. */
  void identifyReceived(Object stream, Object message) {
    identify(stream, message, false);
  }

  /** Both directions of identify carry the same fields; {@code sent} picks the event type. */
  private void identify(Object stream, Object message, boolean sent) {
    Identify id = Identify.read(message);
    ConnState conn = connectionOf(Reflect.callOrNull(stream, "getConnection"));
    long seq = out.seq();
    long nanos = out.nanos();
    long wall = out.wall();
    String node = nodeOf(conn);
    String connId = conn == null ? null : conn.connId;
    String remote = remotePeer(stream, conn);
    out.emit(
        sent
            ? new IdentifySent(seq, nanos, wall, node, connId, remote, id.agentVersion(),
                id.protocolVersion(), id.listenAddrs(), id.observedAddr(), id.protocols())
            : new IdentifyReceived(seq, nanos, wall, node, connId, remote, id.agentVersion(),
                id.protocolVersion(), id.listenAddrs(), id.observedAddr(), id.protocols()));
  }

  /** {@code PingInitiator#ping()} exit: the future completes with the RTT in milliseconds. */
  void ping(Object initiator, Object future) {
    Object stream = Reflect.callOrNull(initiator, "getStream");
    ConnState conn = stream == null ? null : connectionOf(Reflect.callOrNull(stream, "getConnection"));
    String remote = stream == null ? null : remotePeer(stream, conn);
    Futures.onComplete(
        future,
        (v, t) -> {
          if (t == null && v instanceof Number ms) {
            out.emit(
                new PingRtt(
                    out.seq(),
                    out.nanos(),
                    out.wall(),
                    nodeOf(conn),
                    conn == null ? null : conn.connId,
                    remote,
                    ms.longValue() * 1_000_000L));
          }
        },
        failures);
  }

  /**
   * The local node of {@code stream}'s connection, or null (a gossip stream ties its router to
   * its host); after an attach an unseen connection is reported as pre-existing.
   */
  String nodeOfStream(Object stream) {
    ConnState conn = stream == null ? null : connectionOf(Reflect.callOrNull(stream, "getConnection"));
    return conn == null ? null : conn.node;
  }

  /** Dynamic attach: a stream that was open before attach reveals its connection. */
  private void discoverViaStream(Object stream) {
    if (registry.streams.putIfAbsent(stream, "preexisting") == null) {
      connectionOf(Reflect.callOrNull(stream, "getConnection"));
    }
  }

  /**
   * The state of {@code connection}; after a dynamic attach, a connection no hook has seen before
   * was open before the agent arrived and is reported as pre-existing.
   */
  private ConnState connectionOf(Object connection) {
    if (connection == null) {
      return null;
    }
    boolean known = registry.knows(connection);
    ConnState st = registry.connection(connection);
    if (!known && attached) {
      connections.report(connection, true);
    } else if (st.node == null) {
      connections.learnNode(connection, st);
    }
    return st;
  }

  /**
   * The remote peer id as text: the connection's, read once when it opened, else from the stream
   * (base58-encoding a peer id on every ping or identify would cost more than the rest of the hook).
   */
  private static String remotePeer(Object stream, ConnState conn) {
    String known = conn == null ? null : conn.remotePeerId;
    return known != null ? known : Facts.peerId(Reflect.callOrNull(stream, "remotePeerId"));
  }

  private static String nodeOf(ConnState conn) {
    String n = conn == null ? null : conn.node;
    return n != null ? n : Registry.UNKNOWN_NODE;
  }
}
