package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.dispatch.IdentityCache;
import dev.privacyagent.agent.dispatch.Reflect;
import dev.privacyagent.agent.dispatch.WeakIdentityMap;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.GossipInitiator;
import dev.privacyagent.analyzer.event.GossipLocalSubscription;
import dev.privacyagent.analyzer.event.GossipMeshChange;
import dev.privacyagent.analyzer.event.GossipPeerSubscription;
import dev.privacyagent.analyzer.event.GossipRouterCreated;
import java.lang.ref.WeakReference;
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
  private final Function<RouterState, DeliveryListener> listenerFactory;
  final AtomicLong snapshotTruncated = new AtomicLong();
  /**
   * Routers whose node is not known yet: while there is none, a send without control needs no
   * look-up of its router (the look-up is only there to learn a node from the peer's stream).
   */
  private final java.util.concurrent.atomic.AtomicInteger nodeless = new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicReferenceFieldUpdater<RouterState, String> NODE =
      java.util.concurrent.atomic.AtomicReferenceFieldUpdater.newUpdater(RouterState.class, String.class, "node");

  RouterTracker(GossipEvents out, Executor worker, Failures failures, boolean attached, NodeSource nodes,
      Function<RouterState, DeliveryListener> listenerFactory) {
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
      installReads(router);
      track(st);
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
   * constructor hook saw is a pre-existing one; its state before the attach is reported by
   * {@link #snapshotIfDue} once its node is known.
   */
  RouterState onEventThread(Object router) {
    RouterState st = known(router);
    if (st == null) {
      if (!attached || !isGossipRouter(router)) {
        return null;
      }
      RouterState fresh = new RouterState(RouterFacts.read(router), true);
      st = routers.putIfAbsent(router, fresh);
      if (st == null) {
        st = fresh;
        track(fresh);
        installReads(router);
      }
    }
    announce(st, false);
    return st;
  }

  /**
   * The router's generated reads ({@link ReadsClass}) are made on the agent's worker: defining a
   * class takes the class loader's lock, which an application thread must not wait for. Until
   * they are installed the agent reads by reflection.
   */
  private void installReads(Object router) {
    WeakReference<Object> ref = new WeakReference<>(router);
    worker.execute(() -> ReadsClass.install(ref.get()));
  }

  /**
   * After an attach, at the router's first hook on its event thread (before that hook changes
   * anything): its mesh (owned by this thread) and our subscriptions are reported here; the
   * listener and the peers' topics are left to the agent's worker (adding to the listener list
   * takes a lock). Until the router's node is known these events wait for it.
   */
  void snapshotIfDue(Object router, RouterState st) {
    if (!st.preexisting || !st.snapshotTaken.compareAndSet(false, true)) {
      return;
    }
    mesh(router, st);
    WeakReference<Object> ref = new WeakReference<>(router);
    worker.execute(() -> {
      Object r = ref.get();
      if (r != null) {
        listen(r, st);
        try {
          peerTopics(r, st);
        } catch (Throwable t) {
          failures.record("gossip peer topics", t);
        }
      }
    });
  }

  /**
   * Every hook of a message asks for its router's state several times (the RPC, each send, each
   * listener call): a few identity slots answer before the weak map does.
   */
  private final IdentityCache<RouterState> recent = new IdentityCache<>(16, routers::get);

  RouterState known(Object router) {
    return recent.get(router);
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
      DeliveryListener handler = listenerFactory.apply(st);
      Object listener = ListenerClass.newListener(iface, handler);
      if (listener == null) { // the class could not be defined here: the slower proxy does the same
        listener = Proxy.newProxyInstance(loader, new Class<?>[] {iface}, handler);
      }
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
    int n = 0;
    for (Map.Entry<?, ?> e : mesh.entrySet()) {
      String topic = e.getKey() == null ? null : Facts.id(e.getKey().toString());
      long seq = out.seq();
      long nanos = out.nanos();
      long wall = out.wall();
      emitFor(st, node -> new GossipLocalSubscription(seq, nanos, wall, node, topic, true, true));
      Traffic.TopicCounters c = st.traffic.topic(topic);
      c.subscribed = true;
      c.meshChanged.set(true);
      if (e.getValue() instanceof Collection<?> peers) {
        for (Object ph : peers) {
          if (++n > MAX_SNAPSHOT) {
            snapshotTruncated.incrementAndGet();
            continue;
          }
          String peer = MessageTracker.peerOf(ph);
          st.traffic.meshChange(peer, c, true);
          long pSeq = out.seq();
          long pNanos = out.nanos();
          long pWall = out.wall();
          emitFor(st, node -> new GossipMeshChange(pSeq, pNanos, pWall, node, peer, topic, true,
              GossipInitiator.UNKNOWN, null, true));
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
                long seq = out.seq();
                long nanos = out.nanos();
                long wall = out.wall();
                emitFor(st, node -> new GossipPeerSubscription(seq, nanos, wall, node, peer, text, true, true));
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

  static final int MAX_EARLY = 256;

  /**
   * Emits now, or keeps the event until the router's node is known (see RouterState#early):
   * a node subscribes before its first connection, and after an attach a router's node shows
   * only with its first peer.
   */
  void emitFor(RouterState st, Function<String, Event> make) {
    String n = nodes.node(st);
    if (GossipDispatcher.UNKNOWN_NODE.equals(n) && st.earlyCount.incrementAndGet() <= MAX_EARLY) {
      st.early.add(make);
      return;
    }
    out.emit(make.apply(n));
  }

  /** The router's node is known now: the events kept until then go out with it. */
  void learned(RouterState st, String node) {
    if (node == null || st.node != null || !NODE.compareAndSet(st, null, node)) {
      return;
    }
    nodeless.decrementAndGet();
    announce(st, false);
    Function<String, Event> f;
    while ((f = st.early.poll()) != null) {
      out.emit(f.apply(node));
    }
  }

  private void track(RouterState st) {
    nodeless.incrementAndGet(); // before the state is visible: a node learned at once lowers it after
    states.add(st);
  }

  /** Whether some router's node is still unknown. */
  boolean anyNodeless() {
    return nodeless.get() != 0;
  }

  /** Resolves the local node of a router's events. */
  interface NodeSource {
    String node(RouterState st);
  }
}
