package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.event.HostCreated;
import java.lang.ref.WeakReference;
import java.util.concurrent.Executor;

/**
 * Hosts: the local peer id (the {@code node} of every event), and which network and transports
 * belong to it. After a dynamic attach, the first call into a host or network the agent has not
 * seen makes it enumerate that host's open connections as pre-existing, on the agent's thread.
 */
final class HostTracker {
  private final Registry registry;
  private final Emitter out;
  private final ConnectionTracker connections;
  private final ListenTracker listens;
  private final Executor worker;
  private final Failures failures;
  /** Hosts and networks whose enumeration is queued or done (dynamic attach). */
  private final WeakIdentityMap<Boolean> claimed = new WeakIdentityMap<>();
  private final HostNames names;

  HostTracker(
      Registry registry,
      Emitter out,
      ConnectionTracker connections,
      ListenTracker listens,
      Executor worker,
      Failures failures,
      String nodeName) {
    this.names = new HostNames(nodeName);
    this.registry = registry;
    this.out = out;
    this.connections = connections;
    this.listens = listens;
    this.worker = worker;
    this.failures = failures;
  }

  /** {@code HostImpl} constructor exit. */
  void created(Object host) {
    register(host);
  }

  private String register(Object host) {
    String node = Facts.peerId(Reflect.callOrNull(host, "getPeerId"));
    if (node == null) {
      node = Registry.UNKNOWN_NODE;
    }
    if (registry.hosts.putIfAbsent(host, node) != null) {
      return registry.hosts.get(host);
    }
    registry.hostRegistered(node);
    Object network = Reflect.callOrNull(host, "getNetwork");
    if (network != null) {
      registry.networks.putIfAbsent(network, node);
      if (Reflect.callOrNull(network, "getTransports") instanceof Iterable<?> ts) {
        for (Object t : ts) {
          registry.transport(t).node = node;
        }
      }
    }
    HostNames.Named named = names.next(node);
    if (named.renamedFirst() != null) {
      // the first host was named NAME while it was the only one; now it is NAME-0
      out.emit(new HostCreated(out.seq(), out.nanos(), out.wall(), named.renamedFirst(),
          named.renamedFirst(), names.firstRenamed()));
    }
    out.emit(new HostCreated(out.seq(), out.nanos(), out.wall(), node, node, named.name()));
    return node;
  }

  /** Dynamic attach: a host or network method ran. Cheap when already known. */
  void discovered(Object hostOrNetwork) {
    if (registry.hosts.containsKey(hostOrNetwork) || registry.networks.containsKey(hostOrNetwork)) {
      return;
    }
    // claim it now so that the calls made until the worker gets to it queue nothing more
    if (claimed.putIfAbsent(hostOrNetwork, Boolean.TRUE) != null) {
      return;
    }
    boolean isHost = Reflect.has(hostOrNetwork.getClass(), "getNetwork");
    WeakReference<Object> ref = new WeakReference<>(hostOrNetwork);
    worker.execute(
        () -> {
          try {
            Object o = ref.get();
            if (o != null) {
              enumerate(o, isHost);
            }
          } catch (Throwable t) {
            failures.record("attach discovery", t);
          }
        });
  }

  private void enumerate(Object o, boolean isHost) {
    Object network = o;
    if (isHost) {
      register(o);
      network = Reflect.callOrNull(o, "getNetwork");
    }
    if (network == null) {
      return;
    }
    claimed.putIfAbsent(network, Boolean.TRUE);
    if (Reflect.callOrNull(network, "getTransports") instanceof Iterable<?> ts) {
      for (Object t : ts) {
        listens.reportBound(t, registry.transport(t));
      }
    }
    if (Reflect.callOrNull(network, "getConnections") instanceof Iterable<?> conns) {
      for (Object c : conns) {
        if (!registry.knows(c)) {
          connections.report(c, true);
        }
      }
    }
  }
}
