package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.dispatch.Reflect;
import dev.privacyagent.agent.dispatch.WeakIdentityMap;
import dev.privacyagent.analyzer.event.GossipInitiator;
import dev.privacyagent.analyzer.event.GossipRouterCreated;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Gossip routers: registers the agent's {@code GossipRouterEventListener} (a
 * {@link java.lang.reflect.Proxy} over the application's own interface) on each, and after an
 * attach finds the routers that already run and reports their state once as pre-existing.
 */
final class RouterTracker {
  static final String LISTENER = "io.libp2p.pubsub.gossip.GossipRouterEventListener";
  /** Entries of one pre-existing snapshot (mesh or peer topics) beyond which the rest is counted. */
  static final int MAX_SNAPSHOT = 20_000;

  private final WeakIdentityMap<RouterState> routers = new WeakIdentityMap<>();
  private final WeakIdentityMap<RouterState> bindings = new WeakIdentityMap<>();
  /** Every router's agent state (no router object), for the periodic stats. */
  final ConcurrentLinkedQueue<RouterState> states = new ConcurrentLinkedQueue<>();
  private final GossipEvents out;
  private final Executor worker;
  private final Failures failures;
  private final boolean attached;
  private final NodeSource nodes;
  private final Function<RouterState, InvocationHandler> listenerFactory;
  final AtomicLong snapshotTruncated = new AtomicLong();

  RouterTracker(GossipEvents out, Executor worker, Failures failures, boolean attached, NodeSource nodes,
      Function<RouterState, InvocationHandler> listenerFactory) {
    this.out = out;
    this.worker = worker;
    this.failures = failures;
    this.attached = attached;
    this.nodes = nodes;
    this.listenerFactory = listenerFactory;
  }

  /** Constructor exit, on the thread that builds the router: the listener is added at once. */
  void created(Object router) {
    RouterState st = new RouterState(RouterFacts.read(router), false);
    if (routers.putIfAbsent(router, st) == null) {
      states.add(st);
      listen(router, st);
    }
  }

  void bind(Object gossip, Object router) {
    if (router == null) {
      return;
    }
    RouterState st = routers.get(router);
    if (st == null) {
      created(router);
      st = routers.get(router);
    }
    if (st != null) {
      bindings.putIfAbsent(gossip, st);
    }
  }

  RouterState ofBinding(Object gossip) {
    return bindings.get(gossip);
  }

  /**
   * The state of {@code router} at a hook on its event thread. After an attach, a router no
   * constructor hook saw is a pre-existing one: its mesh (owned by this thread) is reported here,
   * while the listener and the peer topics are left to the agent's worker (adding to the
   * listener list takes a lock).
   */
  RouterState onEventThread(Object router) {
    RouterState st = routers.get(router);
    if (st == null) {
      if (!attached || !isGossipRouter(router)) {
        return null;
      }
      RouterState fresh = new RouterState(RouterFacts.read(router), true);
      st = routers.putIfAbsent(router, fresh);
      if (st == null) {
        st = fresh;
        states.add(fresh);
        WeakReference<Object> ref = new WeakReference<>(router);
        worker.execute(() -> {
          Object r = ref.get();
          if (r != null) {
            listen(r, fresh);
            try {
              peerTopics(r, fresh);
            } catch (Throwable t) {
              failures.record("gossip peer topics", t);
            }
          }
        });
      }
    }
    announce(st, false);
    if (st.preexisting && st.snapshotTaken.compareAndSet(false, true)) {
      mesh(router, st);
    }
    return st;
  }

  RouterState known(Object router) {
    return routers.get(router);
  }

  /**
   * GossipRouterCreated, once: as soon as the router's node is known (a router is usually built
   * before its host), or unconditionally with {@code force}.
   */
  void announce(RouterState st, boolean force) {
    if (st.announced.get()) {
      return;
    }
    String node = nodes.node(st);
    if ((force || !GossipDispatcher.UNKNOWN_NODE.equals(node)) && st.announced.compareAndSet(false, true)) {
      RouterFacts f = st.facts;
      out.emit(new GossipRouterCreated(out.seq(), out.nanos(), out.wall(), node, f.protocolId(), f.d(),
          f.dLow(), f.dHigh(), f.dLazy(), f.floodThreshold() >= 0 ? (long) f.floodThreshold() : null,
          f.heartbeatMillis(), st.preexisting));
    }
  }

  private static boolean isGossipRouter(Object router) {
    return Reflect.has(router.getClass(), "getEventBroadcaster") && Reflect.has(router.getClass(), "getMesh");
  }

  private void listen(Object router, RouterState st) {
    // a router without the broadcaster (the agent's warm-up stand-in) has nothing to listen to
    if (!Reflect.has(router.getClass(), "getEventBroadcaster") || !st.listening.compareAndSet(false, true)) {
      return;
    }
    try {
      ClassLoader loader = router.getClass().getClassLoader();
      Class<?> iface = Class.forName(LISTENER, false, loader);
      Object listener = Proxy.newProxyInstance(loader, new Class<?>[] {iface}, listenerFactory.apply(st));
      Object broadcaster = Reflect.call(router, "getEventBroadcaster");
      @SuppressWarnings("unchecked")
      List<Object> listeners = (List<Object>) Reflect.call(broadcaster, "getListeners");
      listeners.add(listener);
    } catch (Throwable t) {
      failures.record("gossip listener", t);
    }
  }

  /** After an attach, on the router's event thread: our subscriptions and meshes as they are. */
  private void mesh(Object router, RouterState st) {
    if (!(Reflect.callOrNull(router, "getMesh") instanceof Map<?, ?> mesh)) {
      return;
    }
    String node = nodes.node(st);
    int n = 0;
    for (Map.Entry<?, ?> e : mesh.entrySet()) {
      String topic = e.getKey() == null ? null : Facts.id(e.getKey().toString());
      out.localSubscription(node, topic, true, true);
      Traffic.TopicCounters c = st.traffic.topic(topic);
      c.meshChanged.set(true);
      if (e.getValue() instanceof Collection<?> peers) {
        for (Object ph : peers) {
          if (++n > MAX_SNAPSHOT) {
            snapshotTruncated.incrementAndGet();
            continue;
          }
          c.mesh.incrementAndGet();
          out.mesh(node, MessageTracker.peerOf(ph), topic, true, GossipInitiator.UNKNOWN, null, true);
        }
      }
    }
  }

  /** After an attach, on the worker: every peer's announced topics, through the public getter. */
  private void peerTopics(Object router, RouterState st) throws Throwable {
    if (!(Reflect.call(router, "getPeerTopics") instanceof CompletableFuture<?> f)) {
      return;
    }
    f.whenComplete((v, t) -> {
      try {
        if (v instanceof Map<?, ?> m) {
          String node = nodes.node(st);
          int n = 0;
          for (Map.Entry<?, ?> e : m.entrySet()) {
            String peer = Facts.peerId(e.getKey());
            if (e.getValue() instanceof Collection<?> topics) {
              for (Object topic : topics) {
                if (++n > MAX_SNAPSHOT) {
                  snapshotTruncated.incrementAndGet();
                  continue;
                }
                String text = Facts.id(topicText(topic));
                st.traffic.peerTopic(peer, text, true);
                out.peerSubscription(node, peer, text, true, true);
              }
            }
          }
        }
      } catch (Throwable inner) {
        failures.record("gossip peer topics", inner);
      }
    });
  }

  /** Router-level topics are strings; the API's {@code Topic} has {@code getTopic()}. */
  private static String topicText(Object topic) {
    if (topic instanceof String s) {
      return s;
    }
    Object t = Reflect.callOrNull(topic, "getTopic");
    return t != null ? t.toString() : String.valueOf(topic);
  }

  /** Resolves the local node of a router's events. */
  interface NodeSource {
    String node(RouterState st);
  }
}
