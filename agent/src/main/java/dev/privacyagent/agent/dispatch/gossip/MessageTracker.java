package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Reflect;
import java.util.Locale;
import java.util.Optional;

/**
 * Messages and meshes as the router's listener reports them, on its event thread. A first copy
 * ({@code notifyUnseenMessage}) is reported together with its validation result when that follows
 * within the same RPC (synchronous validation: one event per message); otherwise, when the RPC is
 * applied, as {@code pending}, and the result later on its own.
 */
final class MessageTracker {
  static final String VALID = "valid";
  static final String INVALID = "invalid";
  static final String PENDING = "pending";

  private final GossipOut out;
  private final RouterTracker.NodeSource nodes;

  MessageTracker(GossipOut out, RouterTracker.NodeSource nodes) {
    this.out = out;
    this.nodes = nodes;
  }

  void unseen(RouterState st, Object peerId, Object message) {
    flush(st);
    MessageFacts f = MessageFacts.read(message);
    st.firstSeen.put(f.msgId(), System.nanoTime());
    st.pending = new RouterState.Delivery(message, Facts.peerId(peerId), f);
  }

  void seen(RouterState st, Object peerId, Object message, Object validation) {
    MessageFacts f = MessageFacts.read(message);
    long delay = st.firstSeen.since(f.msgId(), System.nanoTime());
    out.received(nodes.node(st), Facts.peerId(peerId), f.topic(), f.msgId(), f.size(), false,
        validation instanceof Optional<?> o ? o.map(MessageTracker::result).orElse(PENDING) : PENDING,
        delay);
  }

  void validated(RouterState st, Object peerId, Object message, String result) {
    RouterState.Delivery d = st.pending;
    if (d != null && d.message == message) {
      st.pending = null;
      out.received(nodes.node(st), d.peer, d.facts.topic(), d.facts.msgId(), d.facts.size(), true, result, -1);
      return;
    }
    MessageFacts f = MessageFacts.read(message);
    out.validated(nodes.node(st), Facts.peerId(peerId), f.topic(), f.msgId(), result);
  }

  /** The RPC is applied: a first copy still without a result is reported as pending. */
  void flush(RouterState st) {
    RouterState.Delivery d = st.pending;
    if (d != null) {
      st.pending = null;
      out.received(nodes.node(st), d.peer, d.facts.topic(), d.facts.msgId(), d.facts.size(), true, PENDING, -1);
    }
  }

  /**
   * A mesh change. Inside the application of a peer's RPC that GRAFTs or PRUNEs this topic, the
   * peer initiated it; anywhere else (heartbeat, our subscribe or unsubscribe) our node did.
   */
  void mesh(RouterState st, Object peerId, String topic, boolean added) {
    String peer = Facts.peerId(peerId);
    String t = Facts.id(topic);
    RpcFacts rpc = st.inboundRpc;
    boolean remote = rpc != null && peer != null && peer.equals(st.inboundPeer)
        && (added ? rpc.grafts().contains(t) : rpc.prunes(t));
    out.mesh(nodes.node(st), peer, t, added, remote ? GossipOut.BY_REMOTE : GossipOut.BY_LOCAL,
        remote && !added ? rpc.backoffOf(t) : -1, false);
  }

  /** {@code ValidationResult} is an enum: Valid, Invalid, Ignore. */
  private static String result(Object r) {
    return Facts.id(r.toString().toLowerCase(Locale.ROOT));
  }

  static String peerOf(Object peerHandler) {
    return Facts.peerId(Reflect.callOrNull(peerHandler, "getPeerId"));
  }
}
