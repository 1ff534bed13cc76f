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
  final Traffic traffic = new Traffic();
  /** Stats flushes skipped while the node was unknown (the agent's worker only). */
  int deferredFlushes;
  final FirstSeen firstSeen = new FirstSeen(traffic);
  /**
   * Events from before the router's node was known (a node subscribes before its first
   * connection), each waiting for the node's id; bounded, beyond it they go out as "unknown".
   */
  final java.util.concurrent.ConcurrentLinkedQueue<java.util.function.Function<String, Event>> early =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  final java.util.concurrent.atomic.AtomicInteger earlyCount = new java.util.concurrent.atomic.AtomicInteger();

  // ---- event thread only ----
  /**
   * The facts of the RPC being applied ({@code onInbound} enter to exit), else null; its peer only
   * when the RPC carries subscriptions or control (what the mesh callbacks compare it with).
   */
  String inboundPeer;
  RpcFacts inboundRpc;
  /**
   * The first copy {@code notifyUnseenMessage} reported last, its facts and peer, until the RPC is
   * applied (a few microseconds): its result callback then needs no second read of the message.
   */
  Object current;
  MessageFacts currentFacts;
  Traffic.TopicCounters currentTopic;
  Traffic.PeerCounters currentPeer;
  /** Kept first copies still without a validation result. */
  final Unresolved unresolved = new Unresolved();

  RouterState(RouterFacts facts, boolean preexisting) {
    this.facts = facts;
    this.preexisting = preexisting;
  }
}
