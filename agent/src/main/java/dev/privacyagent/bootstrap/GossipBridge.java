package dev.privacyagent.bootstrap;

/**
 * The gossipsub half of the bridge: what advice woven into jvm-libp2p's pubsub classes calls. Like
 * {@link PrivacyBridge} it lives in the bootstrap class loader, takes JDK types only, returns at
 * once while no {@link Sink} is installed and never lets a throwable escape.
 *
 * <p>It also keeps, per thread, the state of the publish in progress on it: the router's event
 * thread runs {@code broadcastOutbound}, which calls {@code submitPublishMessage} once per chosen
 * peer and {@code send} (an IDONTWANT first for a large message) before it returns. Counting those
 * nested calls here keeps the count balanced whatever the sink does, and the per-peer call costs
 * one thread-local read and no call into the agent.
 */
public final class GossipBridge {

  private static volatile Sink sink;

  private static final java.util.concurrent.atomic.AtomicLong BRIDGE_FAILURES =
      new java.util.concurrent.atomic.AtomicLong();

  /** Recipients listed per publish; the count goes on beyond it. */
  public static final int MAX_RECIPIENTS = 64;

  /**
   * Per thread, the publish in progress: its nesting depth, the peers it went to (the first
   * {@link #MAX_RECIPIENTS} of their handlers, handed to the sink at its end and cleared right
   * after, so that the bridge keeps no peer beyond the publish) and its IDONTWANT sends. One
   * object, so that each nested call costs one look-up of it ({@link #publishing}).
   */
  private static final class Publishing {
    /** The id of the thread it belongs to ({@link Thread#getId()}: never reused in a JVM). */
    final long owner;
    int depth;
    int peers;
    int idontwants;
    final Object[] recipients = new Object[MAX_RECIPIENTS];

    Publishing(long owner) {
      this.owner = owner;
    }
  }

  private static final ThreadLocal<Publishing> PUBLISHING =
      ThreadLocal.withInitial(() -> new Publishing(Thread.currentThread().getId()));
  /**
   * The state of the first thread that published: a router's event thread, which makes every
   * publish of that router. It finds its state here by its id, without the thread-local's hash
   * look-up (one publish asks for it once per recipient, 8 times in all); other threads use the
   * thread-local. It holds no thread, only the id.
   */
  private static volatile Publishing first;

  private static Publishing publishing() {
    Publishing p = first;
    long me = Thread.currentThread().getId();
    if (p != null && p.owner == me) {
      return p;
    }
    p = PUBLISHING.get();
    if (first == null) {
      first = p; // a race lets another thread's state win, which is as good
    }
    return p;
  }

  /**
   * {@code broadcastOutbound} calls in progress on all threads. {@code submitPublishMessage} also
   * forwards every relayed message (5-6 calls per first copy): while no publish runs anywhere it
   * returns after this one read, without the thread-local. Raised first thing on enter and
   * lowered first thing on exit; if the two ever got out of step the count stays off zero and
   * every call takes the thread-local path, which is slower but still right.
   */
  private static final java.util.concurrent.atomic.AtomicInteger PUBLISHES_NOW =
      new java.util.concurrent.atomic.AtomicInteger();

  private GossipBridge() {}

  /** Installed by the agent that owns {@link PrivacyBridge}, right after it won the install. */
  public static void install(Sink s) {
    sink = s;
  }

  public static void mute() {
    sink = null;
  }

  public static long bridgeFailures() {
    return BRIDGE_FAILURES.get();
  }

  private static void failed(Throwable t) {
    BRIDGE_FAILURES.incrementAndGet();
  }

  // ---- called from advice ----

  public static void routerCreated(Object router) {
    Sink s = sink;
    if (s != null) {
      try {
        s.routerCreated(router);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void gossipCreated(Object gossip, Object router) {
    Sink s = sink;
    if (s != null) {
      try {
        s.gossipCreated(gossip, router);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void channelInit(Object gossip, Object channel, String protocolId) {
    Sink s = sink;
    if (s != null) {
      try {
        s.channelInit(gossip, channel, protocolId);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void subscription(Object router, String topic, boolean subscribe) {
    Sink s = sink;
    if (s != null) {
      try {
        s.subscription(router, topic, subscribe);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /** Enter of {@code onInbound}: pass the result to {@link #inboundDone} at its exit. */
  public static Object inbound(Object router, Object peerHandler, Object rpc) {
    Sink s = sink;
    if (s != null) {
      try {
        return s.inbound(router, peerHandler, rpc);
      } catch (Throwable t) {
        failed(t);
      }
    }
    return null;
  }

  public static void inboundDone(Object router, Object state) {
    Sink s = sink;
    if (s != null) {
      try {
        s.inboundDone(router, state);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  public static void outbound(Object router, Object peerHandler, Object rpc) {
    Sink s = sink;
    if (s != null) {
      try {
        if (s.outbound(router, peerHandler, rpc)) {
          Publishing p = publishing();
          if (p.depth > 0) {
            p.idontwants++;
          }
        }
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /** Enter of {@code broadcastOutbound}: pass the result to {@link #publishExit}. */
  public static int publishEnter() {
    PUBLISHES_NOW.incrementAndGet();
    Publishing p = publishing();
    if (p.depth == 0) {
      p.peers = 0;
      p.idontwants = 0;
    }
    return p.depth++;
  }

  /** {@code submitPublishMessage}: counted only inside {@code broadcastOutbound}. */
  public static void submitted(Object peerHandler) {
    if (PUBLISHES_NOW.get() == 0) {
      return; // a forward or an IWANT answer: no publish runs on any thread
    }
    Publishing p = publishing();
    if (p.depth > 0) {
      if (p.peers < MAX_RECIPIENTS) {
        p.recipients[p.peers] = peerHandler;
      }
      p.peers++;
    }
  }

  public static void publishExit(
      Object router, Object message, Object future, Throwable thrown, int depth) {
    PUBLISHES_NOW.decrementAndGet();
    Publishing p = publishing();
    if (p.depth > 0) {
      p.depth--;
    }
    if (depth != 0) {
      return;
    }
    Sink s = sink;
    try {
      if (s != null && thrown == null) {
        s.published(router, message, future, p.recipients, p.peers, p.idontwants);
      }
    } catch (Throwable t) {
      failed(t);
    } finally {
      java.util.Arrays.fill(p.recipients, 0, Math.min(p.peers, MAX_RECIPIENTS), null);
    }
  }

  /** Exit of the public {@code publish(PubsubMessage)}, on the caller's thread. */
  public static void publishCalled(Object router, Object message, Object future) {
    Sink s = sink;
    if (s != null) {
      try {
        s.publishCalled(router, message, future);
      } catch (Throwable t) {
        failed(t);
      }
    }
  }

  /**
   * One router's {@code GossipRouterEventListener} callbacks, as the class the agent generates for
   * that interface calls them: a direct interface call per callback, where a
   * {@link java.lang.reflect.Proxy} allocated an argument array and switched on the method's name
   * for every message. Implementations never throw.
   */
  public interface Listener {
    void unseen(Object peerId, Object message);

    void seen(Object peerId, Object message, Object validation);

    void valid(Object peerId, Object message);

    void invalid(Object peerId, Object message);

    void meshed(Object peerId, Object topic);

    void pruned(Object peerId, Object topic);

    void connected(Object peerId, Object address);

    void disconnected(Object peerId);
  }

  /**
   * Reads of jvm-libp2p's RPC and message types, as a class the agent generates next to them
   * calls their getters: plain calls the JIT inlines, where a method handle of a getter found at
   * run time stays a call. Implementations throw what the getters throw.
   */
  public interface Reads {
    /** {@code rpc.hasControl()}: 1 or 0, or -1 when {@code rpc} is not of the RPC type. */
    int control(Object rpc);

    /** {@code rpc.getSubscriptionsCount()}, or -1 when {@code rpc} is not of the RPC type. */
    int subscriptions(Object rpc);

    /** Whether {@code message} is of the message type the other methods take. */
    boolean isMessage(Object message);

    Object topics(Object message);

    int size(Object message);

    /** {@code getMessageId().getArray()}, null when the id is null. */
    byte[] id(Object message);
  }

  /**
   * The agent side. Implementations run on the router's event thread and on Netty event loops:
   * they read immutable values and the router's own state only where that thread owns it, keep no
   * application object, and never block.
   */
  public interface Sink {
    /** A {@code GossipRouter} constructor returned. */
    void routerCreated(Object router);

    /** The {@code Gossip} binding was built around {@code router}. */
    void gossipCreated(Object gossip, Object router);

    /** {@code Gossip#initChannel}: a gossip stream negotiated {@code protocolId}. */
    void channelInit(Object gossip, Object channel, String protocolId);

    /** Our node subscribed to or unsubscribed from {@code topic}. */
    void subscription(Object router, String topic, boolean subscribe);

    /**
     * One RPC arrived from a peer, before the router applies it.
     *
     * @return the agent's state of the router (null when it has none), handed back at the exit:
     *     the exit then needs no look-up of the router
     */
    Object inbound(Object router, Object peerHandler, Object rpc);

    /**
     * The router finished applying the RPC given to {@link #inbound}; {@code state} is what that
     * call returned (null when the sink was not installed then, or it failed).
     */
    void inboundDone(Object router, Object state);

    /**
     * One RPC is about to go to a peer.
     *
     * @return true when it carries an IDONTWANT (counted against a publish in progress)
     */
    boolean outbound(Object router, Object peerHandler, Object rpc);

    /**
     * Our node published {@code message} to {@code peers} peers (the first of them in
     * {@code recipients}, valid during the call only), after {@code idontwants} IDONTWANT sends;
     * {@code future} is what {@code broadcastOutbound} returned (failed without peers).
     */
    void published(
        Object router, Object message, Object future, Object[] recipients, int peers, int idontwants);

    /** The public publish call returned {@code future} (fails on a duplicate or without peers). */
    void publishCalled(Object router, Object message, Object future);
  }
}
