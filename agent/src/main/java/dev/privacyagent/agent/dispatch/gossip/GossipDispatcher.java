package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.dispatch.Reflect;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.GossipLocalSubscription;
import dev.privacyagent.analyzer.event.GossipPublish;
import dev.privacyagent.analyzer.event.GossipPublishMode;
import dev.privacyagent.bootstrap.GossipBridge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The agent side of {@link GossipBridge}: routes each gossip hook to its tracker and contains
 * every failure. Runs on the router's event thread (and, for {@code initChannel}, a Netty event
 * loop), so it only reads immutable values and the router's own state on its own thread.
 */
public final class GossipDispatcher implements GossipBridge.Sink {
  static final String UNKNOWN_NODE = "unknown";
  /** Stats intervals a router's counts wait for its node before they go out as "unknown". */
  static final int MAX_DEFERRED_FLUSHES = 3;
  /** Raised by the router when our publish found no peer; reported by broadcastOutbound's hook. */
  private static final String NO_PEERS = "NoPeersForOutboundMessageException";

  private final GossipEvents out;
  private final Failures failures;
  private final RouterTracker routers;
  private final MessageTracker messages;
  private final Function<Object, String> nodeOfStream;
  private final Supplier<String> soleNode;

  /**
   * @param nodeOfStream the local node of a libp2p stream's connection (reports the connection as
   *     pre-existing after an attach), or null when it cannot tell
   * @param soleNode the node of the only host this JVM runs, or null when there are several or none
   */
  public GossipDispatcher(GossipEvents out, Executor worker, Failures failures, boolean attached,
      MessageSampling sampling, Function<Object, String> nodeOfStream, Supplier<String> soleNode) {
    this.out = out;
    this.failures = failures;
    this.nodeOfStream = nodeOfStream;
    this.soleNode = soleNode;
    this.messages = new MessageTracker(out, this::node, sampling);
    this.routers = new RouterTracker(out, worker, failures, attached, this::node,
        st -> new DeliveryListener(st, messages, this, failures));
  }

  /** Counters for the summary: deliveries with and without a per-message event, lost entries. */
  public record Counts(long sampled, long skipped, long truncated, long validationUnknown) {}

  public Counts counts() {
    long truncated = routers.snapshotTruncated.get();
    long sampled = 0;
    long skipped = 0;
    for (RouterState st : routers.states) {
      truncated += st.traffic.overflow.get();
      sampled += st.traffic.sampled.total();
      skipped += st.traffic.skipped.total();
    }
    return new Counts(sampled, skipped, truncated, messages.unresolved.get());
  }

  /** On the agent's worker, every stats interval: per-topic and per-peer deltas of every router. */
  public void flushStats() {
    for (RouterState st : routers.states) {
      try {
        String node = node(st);
        // a router found by an attach learns its node from a peer's stream, usually within
        // milliseconds: its counts wait for it (they keep adding up) a few intervals at most
        if (UNKNOWN_NODE.equals(node) && ++st.deferredFlushes <= MAX_DEFERRED_FLUSHES) {
          continue;
        }
        st.traffic.flush(out, node);
      } catch (Throwable t) {
        failures.record("gossip stats", t);
      }
    }
  }

  /**
   * A router no {@code initChannel} tied to its host (after an attach) learns its node from a
   * peer's stream; then its state from before the attach is reported.
   */
  private void resolve(Object router, RouterState st, Object peerHandler) {
    if (st.node == null) {
      Object handler = Reflect.callOrNull(peerHandler, "getStreamHandler");
      routers.learned(st, nodeOfStream.apply(Reflect.callOrNull(handler, "getStream")));
    }
    routers.snapshotIfDue(router, st);
  }

  String node(RouterState st) {
    String n = st == null ? null : st.node;
    if (n == null) {
      n = soleNode.get();
    }
    return n != null ? n : UNKNOWN_NODE;
  }

  @Override
  public void routerCreated(Object router) {
    try {
      routers.created(router);
    } catch (Throwable t) {
      failures.record("gossip router", t);
    }
  }

  @Override
  public void gossipCreated(Object gossip, Object router) {
    try {
      routers.bind(gossip, router);
    } catch (Throwable t) {
      failures.record("gossip binding", t);
    }
  }

  @Override
  public void channelInit(Object gossip, Object channel, String protocolId) {
    try {
      String node = nodeOfStream.apply(channel);
      RouterState st = routers.ofBinding(gossip);
      if (st != null) {
        routers.learned(st, node);
      }
      out.protocol(node != null ? node : node(st),
          Facts.peerId(Reflect.callOrNull(channel, "remotePeerId")), Facts.id(protocolId),
          Boolean.TRUE.equals(Reflect.callOrNull(channel, "isInitiator")));
    } catch (Throwable t) {
      failures.record("gossip initChannel", t);
    }
  }

  @Override
  public void subscription(Object router, String topic, boolean subscribe) {
    try {
      RouterState st = routers.onEventThread(router);
      if (st != null) {
        routers.snapshotIfDue(router, st); // before this change, which the snapshot must not show
        String t = Facts.id(topic);
        st.traffic.topic(t).subscribed = subscribe;
        long seq = out.seq();
        long nanos = out.nanos();
        long wall = out.wall();
        routers.emitFor(st, n -> new GossipLocalSubscription(seq, nanos, wall, n, t, subscribe, false));
      }
    } catch (Throwable t) {
      failures.record("gossip subscription", t);
    }
  }

  @Override
  public Object inbound(Object router, Object peerHandler, Object rpc) {
    try {
      RouterState st = routers.onEventThread(router);
      if (st == null) {
        return null;
      }
      resolve(router, st, peerHandler);
      RpcFacts f = RpcFacts.read(rpc);
      String peer = null;
      // most RPCs carry messages only: their peer's name is not needed (the listener names it)
      if (!f.subscriptions().isEmpty() || f.hasControl()) {
        peer = MessageTracker.peerOf(peerHandler);
        String node = node(st);
        for (RpcFacts.Sub s : f.subscriptions()) {
          st.traffic.peerTopic(peer, s.topic(), s.subscribe());
          out.peerSubscription(node, peer, s.topic(), s.subscribe(), false);
        }
        if (f.hasControl()) {
          st.traffic.peerByHandler(peerHandler).control(f, false);
        }
      }
      st.inboundPeer = peer;
      st.inboundRpc = f;
      return st;
    } catch (Throwable t) {
      failures.record("gossip inbound", t);
      return null;
    }
  }

  /** {@link #inboundDone(Object, Object)} without the state {@link #inbound} returned: looked up. */
  public void inboundDone(Object router) {
    inboundDone(router, null);
  }

  @Override
  public void inboundDone(Object router, Object state) {
    try {
      RouterState st = state instanceof RouterState s ? s : routers.known(router);
      if (st != null) {
        st.inboundPeer = null;
        st.inboundRpc = null;
        messages.settle(st, router);
      }
    } catch (Throwable t) {
      failures.record("gossip inbound done", t);
    }
  }

  @Override
  public boolean outbound(Object router, Object peerHandler, Object rpc) {
    try {
      // most sends forward messages and carry no control: one getter, unless a router's node is
      // still unknown (after an attach), which any peer's stream tells
      if (!RpcFacts.hasControl(rpc)) {
        if (!routers.anyNodeless()) {
          return false;
        }
        RouterState known = routers.known(router);
        if (known == null || known.node != null) {
          return false;
        }
      }
      RouterState st = routers.onEventThread(router);
      if (st == null) {
        return false;
      }
      resolve(router, st, peerHandler);
      RpcFacts f = RpcFacts.readControl(rpc);
      if (f.hasControl()) {
        st.traffic.peerByHandler(peerHandler).control(f, true);
      }
      return f.idontwantIds() > 0;
    } catch (Throwable t) {
      failures.record("gossip send", t);
      return false;
    }
  }

  @Override
  public void published(
      Object router, Object message, Object future, Object[] recipients, int peers, int idontwants) {
    try {
      RouterState st = routers.onEventThread(router);
      if (st == null) {
        return;
      }
      routers.snapshotIfDue(router, st);
      MessageFacts f = MessageFacts.read(message);
      Traffic.TopicCounters counters = st.traffic.topic(f.topic());
      long nanos = out.nanos(); // the event's time is also the first-seen time (one clock read)
      st.firstSeen.put(f.fingerprint, nanos, counters, f.size());
      String[] named = new String[Math.min(peers, recipients.length)];
      for (int i = 0; i < named.length; i++) {
        named[i] = MessageTracker.peerOf(recipients[i]);
      }
      List<String> listed = java.util.Arrays.asList(named); // the event copies it once
      // our subscription and mesh as the agent follows them, the same count as the topic stats:
      // no look-up in the router's mesh map (two fifths of a publish's agent samples in a profile)
      boolean subscribed = counters.subscribed;
      Throwable failed = failedNow(future);
      counters.published.increment();
      long seq = out.seq();
      long wall = out.wall();
      GossipPublishMode mode = mode(st, f, subscribed);
      long meshPeers = subscribed ? Math.max(0, counters.mesh.get()) : 0;
      long topicPeers = st.traffic.topicPeers(f.topic());
      String error = failed == null ? null : Facts.id(failed.getClass().getSimpleName());
      String node = node(st);
      if (!UNKNOWN_NODE.equals(node)) {
        out.emit(new GossipPublish(seq, nanos, wall, node, f.topic(), f.msgId(), f.size(), peers, listed,
            mode, idontwants, meshPeers, topicPeers, error));
        return;
      }
      routers.emitFor(st, n -> new GossipPublish(seq, nanos, wall, n, f.topic(), f.msgId(), f.size(), peers, listed,
          mode, idontwants, meshPeers, topicPeers, error));
    } catch (Throwable t) {
      failures.record("gossip publish", t);
    }
  }

  /**
   * How {@code broadcastOutbound} chose the peers: flood up to the flood-publish size threshold
   * (0: never), else our mesh of the topic when subscribed, else the fanout.
   */
  private static GossipPublishMode mode(RouterState st, MessageFacts f, boolean subscribed) {
    int threshold = st.facts.floodThreshold();
    if (threshold > 0 && f.size() >= 0 && f.size() <= threshold) {
      return GossipPublishMode.FLOOD;
    }
    return subscribed ? GossipPublishMode.MESH : GossipPublishMode.FANOUT;
  }

  private static Throwable failedNow(Object future) {
    if (future instanceof CompletableFuture<?> cf && cf.isCompletedExceptionally()) {
      try {
        cf.getNow(null);
      } catch (Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
      }
    }
    return null;
  }

  /**
   * The public publish call: a duplicate (or one the router's validator rejects) fails its future
   * without reaching {@code broadcastOutbound}; it is reported as a publish to nobody.
   */
  @Override
  public void publishCalled(Object router, Object message, Object future) {
    try {
      RouterState st = routers.known(router);
      if (st == null || !(future instanceof CompletableFuture<?> cf)
          || (cf.isDone() && !cf.isCompletedExceptionally())) {
        return; // only a failure is reported here
      }
      // the message only for a failure, read then; never kept alive by the agent
      java.lang.ref.WeakReference<Object> ref = new java.lang.ref.WeakReference<>(message);
      cf.whenComplete((v, t) -> {
        if (t == null) {
          return;
        }
        try {
          Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
          String error = Facts.id(cause.getClass().getSimpleName());
          Object m = ref.get();
          if (!NO_PEERS.equals(error) && m != null) {
            MessageFacts f = MessageFacts.read(m);
            out.emit(new GossipPublish(out.seq(), out.nanos(), out.wall(), node(st), f.topic(), f.msgId(),
                f.size(), 0, List.of(), GossipPublishMode.UNKNOWN, 0, 0, 0, error));
          }
        } catch (Throwable inner) {
          failures.record("gossip publish result", inner);
        }
      });
    } catch (Throwable t) {
      failures.record("gossip publish call", t);
    }
  }

  /** The listener behind the proxy of a known router (the warm-up calls it directly). */
  DeliveryListener listenerOf(Object router) {
    RouterState st = routers.known(router);
    return st == null ? null : new DeliveryListener(st, messages, this, failures);
  }

  /** A gossip peer's outbound stream came up ({@code active}) or one of its streams closed. */
  void peerStatus(RouterState st, Object peerId, boolean active) {
    String peer = Facts.peerId(peerId);
    if (!active) {
      st.traffic.peerGone(peer);
    }
    out.peerStatus(node(st), peer, active, false);
  }
}
