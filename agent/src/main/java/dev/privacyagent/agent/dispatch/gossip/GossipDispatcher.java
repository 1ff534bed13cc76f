package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.dispatch.Reflect;
import dev.privacyagent.bootstrap.GossipBridge;
import java.util.Map;
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

  private final GossipOut out;
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
  public GossipDispatcher(GossipOut out, Executor worker, Failures failures, boolean attached,
      Function<Object, String> nodeOfStream, Supplier<String> soleNode) {
    this.out = out;
    this.failures = failures;
    this.nodeOfStream = nodeOfStream;
    this.soleNode = soleNode;
    this.messages = new MessageTracker(out, this::node);
    this.routers = new RouterTracker(out, worker, failures, attached, this::node,
        st -> new DeliveryListener(st, messages, failures));
  }

  /** Entries of pre-existing state beyond the snapshot bound (counted, not reported). */
  public long snapshotTruncated() {
    return routers.snapshotTruncated.get();
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
      if (st != null && node != null && st.node == null) {
        st.node = node;
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
        out.subscription(node(st), Facts.id(topic), subscribe, false);
      }
    } catch (Throwable t) {
      failures.record("gossip subscription", t);
    }
  }

  @Override
  public void inbound(Object router, Object peerHandler, Object rpc) {
    try {
      RouterState st = routers.onEventThread(router);
      if (st == null) {
        return;
      }
      if (st.node == null) {
        st.node = nodeOfStream.apply(Reflect.callOrNull(peerHandler, "getStream"));
      }
      String peer = MessageTracker.peerOf(peerHandler);
      RpcFacts f = RpcFacts.read(rpc);
      String node = node(st);
      for (RpcFacts.Sub s : f.subscriptions()) {
        out.peerSubscription(node, peer, s.topic(), s.subscribe(), false);
      }
      if (f.hasControl()) {
        out.control(node, peer, false, f.ihaveIds(), f.iwantIds(), f.idontwantIds(),
            f.grafts().size(), f.prunes().size());
      }
      st.inboundPeer = peer;
      st.inboundRpc = f;
    } catch (Throwable t) {
      failures.record("gossip inbound", t);
    }
  }

  @Override
  public void inboundDone(Object router) {
    try {
      RouterState st = routers.known(router);
      if (st != null) {
        st.inboundPeer = null;
        st.inboundRpc = null;
        messages.flush(st);
      }
    } catch (Throwable t) {
      failures.record("gossip inbound done", t);
    }
  }

  @Override
  public boolean outbound(Object router, Object peerHandler, Object rpc) {
    try {
      RouterState st = routers.onEventThread(router);
      if (st == null) {
        return false;
      }
      RpcFacts f = RpcFacts.readControl(rpc);
      if (f.hasControl()) {
        out.control(node(st), MessageTracker.peerOf(peerHandler), true, f.ihaveIds(), f.iwantIds(),
            f.idontwantIds(), f.grafts().size(), f.prunes().size());
      }
      return f.idontwantIds() > 0;
    } catch (Throwable t) {
      failures.record("gossip send", t);
      return false;
    }
  }

  @Override
  public void published(Object router, Object message, int peers, int idontwants) {
    try {
      RouterState st = routers.onEventThread(router);
      if (st == null) {
        return;
      }
      MessageFacts f = MessageFacts.read(message);
      st.firstSeen.put(f.msgId(), System.nanoTime());
      out.published(node(st), f.topic(), f.msgId(), f.size(), peers, mode(router, st, f), idontwants);
    } catch (Throwable t) {
      failures.record("gossip publish", t);
    }
  }

  /**
   * How {@code broadcastOutbound} chose the peers: flood up to the flood-publish size threshold,
   * else our mesh of the topic when subscribed (the mesh is the event thread's, and this runs on
   * it), else the fanout.
   */
  private static String mode(Object router, RouterState st, MessageFacts f) {
    if (st.floodThreshold >= 0 && f.size() >= 0 && f.size() <= st.floodThreshold) {
      return "flood";
    }
    Object mesh = Reflect.callOrNull(router, "getMesh");
    return mesh instanceof Map<?, ?> m && f.topic() != null && m.containsKey(f.topic()) ? "mesh" : "fanout";
  }

  @Override
  public void publishCalled(Object router, Object future) {
    try {
      if (!(future instanceof CompletableFuture<?> cf)) {
        return;
      }
      RouterState st = routers.known(router);
      if (st == null) {
        return;
      }
      cf.whenComplete((v, t) -> {
        if (t != null) {
          try {
            Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
            out.publishFailed(node(st), Facts.id(cause.getClass().getSimpleName()));
          } catch (Throwable inner) {
            failures.record("gossip publish result", inner);
          }
        }
      });
    } catch (Throwable t) {
      failures.record("gossip publish call", t);
    }
  }
}
