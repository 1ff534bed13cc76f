package dev.privacyagent.agent.dispatch;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Weak identity maps from application objects (hosts, networks, transports, connections, streams)
 * to the agent's own small state, and the id counters. Nothing here keeps an application object
 * alive.
 */
final class Registry {
  static final String UNKNOWN_NODE = "unknown";

  final WeakIdentityMap<String> hosts = new WeakIdentityMap<>();
  final WeakIdentityMap<String> networks = new WeakIdentityMap<>();
  final WeakIdentityMap<TransportState> transports = new WeakIdentityMap<>();
  final WeakIdentityMap<ConnState> connections = new WeakIdentityMap<>();
  final WeakIdentityMap<String> streams = new WeakIdentityMap<>();
  private final AtomicLong connIds = new AtomicLong();
  private final java.util.concurrent.atomic.AtomicInteger hostCount =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile String firstHostNode;

  /** A host was registered under {@code node}. */
  void hostRegistered(String node) {
    if (hostCount.incrementAndGet() == 1) {
      firstHostNode = node;
    }
  }

  /**
   * The node of the only host seen in this JVM, or null when there are several or none: the
   * owner of a gossip router that no stream has tied to its host yet.
   */
  String soleNode() {
    String n = firstHostNode;
    return hostCount.get() == 1 && n != null && !UNKNOWN_NODE.equals(n) ? n : null;
  }
  private final AtomicLong streamIds = new AtomicLong();

  /** The state of {@code connection}, created (with a fresh id) on first sight. */
  ConnState connection(Object connection) {
    return connections.computeIfAbsent(connection, c -> new ConnState("c" + connIds.incrementAndGet()));
  }

  boolean knows(Object connection) {
    return connections.containsKey(connection);
  }

  String newStreamId() {
    return "s" + streamIds.incrementAndGet();
  }

  TransportState transport(Object transport) {
    return transports.computeIfAbsent(transport, t -> new TransportState(UNKNOWN_NODE));
  }
}
