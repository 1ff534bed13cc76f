package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.analyzer.event.Event;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the agent keeps about one gossip router, never the router itself (a weak identity map
 * maps the router to this). The fields without {@code volatile} are confined to the router's event
 * thread, which runs every hook and listener callback that touches them.
 */
final class RouterState {
  /** Local peer id of the host the router serves, once a gossip stream or peer revealed it. */
  volatile String node;
  /** The router's parameters, read once where it was found. */
  final RouterFacts facts;
  /** Found after an attach: its state before the agent came is reported once. */
  final boolean preexisting;
  /** Our listener is registered (constructor exit, or the worker after an attach). */
  final AtomicBoolean listening = new AtomicBoolean();
  /** GossipRouterCreated was emitted (once the node is known, or at the first stats flush). */
  final AtomicBoolean announced = new AtomicBoolean();
  /** After an attach: the mesh that existed before was reported. */
  final AtomicBoolean snapshotTaken = new AtomicBoolean();
  final FirstSeen firstSeen = new FirstSeen();
  /**
   * Events from before the router's node was known (a node subscribes before its first
   * connection), each waiting for the node's id; bounded, beyond it they go out as "unknown".
   */
  final java.util.concurrent.ConcurrentLinkedQueue<java.util.function.Function<String, Event>> early =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  final java.util.concurrent.atomic.AtomicInteger earlyCount = new java.util.concurrent.atomic.AtomicInteger();
  final Traffic traffic = new Traffic();

  // ---- event thread only ----
  /** The peer and facts of the RPC being applied ({@code onInbound} enter to exit), else null. */
  String inboundPeer;
  RpcFacts inboundRpc;
  /** A first delivery whose validation has not been reported yet, within {@code onInbound}. */
  Delivery pending;

  RouterState(RouterFacts facts, boolean preexisting) {
    this.facts = facts;
    this.preexisting = preexisting;
  }

  /**
   * A first copy waiting for its synchronous validation result. Holds the message object only
   * until the RPC that carried it is applied (a few microseconds), to match the result callback.
   */
  static final class Delivery {
    final Object message;
    final String peer;
    final MessageFacts facts;
    /** Gets an event of its own (then seq, nanos and wall are its header). */
    final boolean kept;
    final long seq;
    final long nanos;
    final long wall;

    Delivery(Object message, String peer, MessageFacts facts, boolean kept, long seq, long nanos, long wall) {
      this.message = message;
      this.peer = peer;
      this.facts = facts;
      this.kept = kept;
      this.seq = seq;
      this.nanos = nanos;
      this.wall = wall;
    }
  }
}
