package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Getter;
import dev.privacyagent.agent.dispatch.IdentityCache;
import dev.privacyagent.analyzer.event.GossipInitiator;
import dev.privacyagent.analyzer.event.GossipMessageReceived;
import dev.privacyagent.analyzer.event.GossipValidation;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages and meshes as the router's listener reports them, on its event thread. Every delivery
 * is counted in the router's {@link Traffic}; a {@code GossipMessageReceived} is built only for
 * the messages {@link MessageSampling} keeps. A kept first copy ({@code notifyUnseenMessage}) is
 * reported once its validation result is known: the Valid or Invalid callback, synchronous or
 * asynchronous, or the Ignore the seen cache shows ({@link Unresolved}); as {@code PENDING} only
 * when no result came within a minute.
 */
final class MessageTracker {
  private final GossipEvents out;
  private final RouterTracker.NodeSource nodes;
  private final MessageSampling sampling;
  /** Kept first copies reported as PENDING: no result was learned in time (or their entry was evicted). */
  final AtomicLong unresolved = new AtomicLong();
  private final Unresolved.Report settled = this::settled;

  /** Peer id texts by identity: the listener names the same {@code PeerId} object every time. */
  private final IdentityCache<String> peers = new IdentityCache<>(1024, Facts::peerId);

  MessageTracker(GossipEvents out, RouterTracker.NodeSource nodes, MessageSampling sampling) {
    this.out = out;
    this.nodes = nodes;
    this.sampling = sampling;
  }

  void unseen(RouterState st, Object peerId, Object message, MessageFacts f) {
    Traffic.TopicCounters t = st.traffic.topic(f.topic);
    st.firstSeen.put(f.fingerprint, System.nanoTime(), t, f.size);
    t.first.increment();
    if (f.size > 0) {
      t.bytes.add(f.size);
    }
    Traffic.PeerCounters p = st.traffic.peerById(peerId);
    p.first.increment();
    p.firstOn(t);
    st.current = message;
    st.currentFacts = f;
    st.currentTopic = t;
    st.currentPeer = p;
    if (keep(st, t, f.fingerprint)) {
      Unresolved.Delivery d =
          new Unresolved.Delivery(message, peers.get(peerId), f, out.seq(), out.nanos(), out.wall());
      if (f.msgId() == null) {
        report(st, d, GossipValidation.PENDING); // nothing to match a later result with
      } else {
        st.unresolved.add(st, d, settled);
      }
    }
  }

  /**
   * A duplicate. Of a message remembered in {@link FirstSeen} only the id is read (its topic and
   * size are the first copy's; the router hands over the copy its seen cache holds, whose other
   * fields are long out of the CPU's caches) and nothing is allocated unless it is kept.
   */
  void seen(RouterState st, Object peerId, Object message, Object validation) {
    byte[] id = MessageFacts.idBytes(message);
    long fingerprint = MessageFacts.fingerprint(id);
    int place = st.firstSeen.find(fingerprint);
    long delay = place >= 0 ? st.firstSeen.since(place, System.nanoTime()) : -1;
    MessageFacts f = null;
    Traffic.TopicCounters t;
    int size;
    if (place >= 0 && st.firstSeen.hasTopic(place)) {
      t = st.firstSeen.topic(place);
      size = st.firstSeen.size(place);
    } else {
      f = MessageFacts.read(message); // an entry without a topic still has its time
      t = st.traffic.topic(f.topic);
      size = f.size;
    }
    t.duplicates.increment();
    if (size > 0) {
      t.bytes.add(size);
    }
    t.duplicateDelay(delay);
    st.traffic.peerById(peerId).duplicates.increment();
    if (!keep(st, t, fingerprint)) {
      return;
    }
    if (f == null) {
      f = MessageFacts.read(message); // a kept one is reported with its own topic
    }
    GossipValidation v = validation instanceof Optional<?> o && o.isPresent()
        ? result(o.get()) : GossipValidation.PENDING;
    out.emit(new GossipMessageReceived(out.seq(), out.nanos(), out.wall(), nodes.node(st), f.topic,
        f.msgId(), peers.get(peerId), f.size, false, v, delay >= 0 ? delay : null));
  }

  void validated(RouterState st, Object peerId, Object message, GossipValidation result) {
    boolean mine = st.current == message; // the copy of this RPC: its facts are read already
    MessageFacts f = mine ? st.currentFacts : MessageFacts.read(message);
    Traffic.TopicCounters t = mine ? st.currentTopic : st.traffic.topic(f.topic);
    if (result == GossipValidation.INVALID) {
      t.invalid.increment();
      (mine ? st.currentPeer : st.traffic.peerById(peerId)).invalid.increment();
    } else if (result == GossipValidation.VALID) {
      t.relayed.increment(); // a valid first copy is forwarded to the mesh
    }
    // the id's text only when a kept copy waits for a result (rarely: most are settled at once)
    Unresolved.Delivery d = st.unresolved.isEmpty() ? null : st.unresolved.take(f.msgId());
    if (d != null) {
      report(st, d, result);
    }
  }

  /**
   * An RPC was applied ({@code onInbound} exit) or is about to be (its enter): the copy of the
   * last one is no longer held, and waiting copies whose result the seen cache shows are reported.
   */
  void settle(RouterState st, Object router) {
    st.current = null;
    st.currentFacts = null;
    st.currentTopic = null;
    st.currentPeer = null;
    if (!st.unresolved.isEmpty()) {
      st.unresolved.settle(st, router, System.nanoTime(), settled);
    }
  }

  private void settled(RouterState st, Unresolved.Delivery d, GossipValidation v, boolean unknown) {
    if (unknown) {
      unresolved.incrementAndGet();
    }
    report(st, d, v);
  }

  private void report(RouterState st, Unresolved.Delivery d, GossipValidation v) {
    out.emit(new GossipMessageReceived(d.seq, d.nanos, d.wall, nodes.node(st), d.facts.topic(),
        d.facts.msgId(), d.peer, d.facts.size(), true, v, null));
  }

  /** Whether the delivery gets an event of its own; every choice is counted either way. */
  private boolean keep(RouterState st, Traffic.TopicCounters t, long fingerprint) {
    if (fingerprint == 0 ? sampling.keepsWithoutId() : sampling.keeps(fingerprint)) {
      st.traffic.sampled.increment();
      return true;
    }
    st.traffic.skipped.increment();
    t.skipped.increment();
    return false;
  }

  /**
   * A mesh change. Inside the application of a peer's RPC that GRAFTs or PRUNEs this topic, the
   * peer initiated it; anywhere else (heartbeat, our subscribe or unsubscribe) our node did.
   */
  void mesh(RouterState st, Object peerId, String topic, boolean added) {
    String peer = peers.get(peerId);
    String t = Facts.id(topic);
    RpcFacts rpc = st.inboundRpc;
    boolean remote = rpc != null && peer != null && peer.equals(st.inboundPeer)
        && (added ? rpc.grafts().contains(t) : rpc.prunes(t));
    Traffic.TopicCounters c = st.traffic.topic(t);
    st.traffic.meshChange(peer, c, added);
    long backoff = remote && !added ? rpc.backoffOf(t) : -1;
    out.mesh(nodes.node(st), peer, t, added, remote ? GossipInitiator.REMOTE : GossipInitiator.LOCAL,
        backoff >= 0 ? backoff : null, false);
  }

  /** {@code ValidationResult} is an enum: Valid, Invalid, Ignore. */
  static GossipValidation result(Object r) {
    return switch (String.valueOf(r)) {
      case "Valid" -> GossipValidation.VALID;
      case "Invalid" -> GossipValidation.INVALID;
      case "Ignore" -> GossipValidation.IGNORE;
      default -> GossipValidation.UNKNOWN;
    };
  }

  private static final Getter PEER_ID = new Getter("getPeerId");
  /** Peer id texts of pubsub peer handlers, by identity (a handler's peer never changes). */
  private static final IdentityCache<String> HANDLERS =
      new IdentityCache<>(1024, h -> Facts.peerId(PEER_ID.call(h)));

  static String peerOf(Object peerHandler) {
    return HANDLERS.get(peerHandler);
  }
}
