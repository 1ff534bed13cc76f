package dev.privacyagent.agent.dispatch.gossip;

/**
 * What the gossip trackers report, as plain values: one method per kind of gossip fact. The
 * implementation turns each call into an event record; tests record the calls. Every string is
 * already bounded; {@code node} is the local peer id (or {@code unknown}).
 */
public interface GossipOut {
  String BY_LOCAL = "local";
  String BY_REMOTE = "remote";
  /** A mesh that existed before an attach: who grafted is not known. */
  String BY_UNKNOWN = "unknown";

  /** Our node subscribed to ({@code subscribed}) or left {@code topic}. */
  void subscription(String node, String topic, boolean subscribed, boolean preexisting);

  /** {@code peer} announced SUBSCRIBE or UNSUBSCRIBE for {@code topic}. */
  void peerSubscription(String node, String peer, String topic, boolean subscribed, boolean preexisting);

  /**
   * {@code peer} joined ({@code added}) or left our mesh of {@code topic}; {@code by} is
   * {@link #BY_LOCAL} or {@link #BY_REMOTE} (the peer's GRAFT or PRUNE); {@code backoffSeconds} of a
   * remote PRUNE, -1 when not known.
   */
  void mesh(String node, String peer, String topic, boolean added, String by, long backoffSeconds,
      boolean preexisting);

  /**
   * Our node published a message: {@code peers} got it from us directly, chosen by {@code mode}
   * ({@code flood}, {@code mesh} or {@code fanout}); {@code idontwants} IDONTWANT sends went
   * out just before it.
   */
  void published(String node, String topic, String msgId, int size, int peers, String mode, int idontwants);

  /** The public publish call failed ({@code reason}: the exception's simple class name). */
  void publishFailed(String node, String reason);

  /**
   * A message arrived from {@code peer}: the first copy ({@code first}) or a duplicate, whose delay
   * after the first copy (or our own publish) is {@code duplicateDelayNanos}, -1 when not known.
   * {@code validation}: {@code valid}, {@code invalid}, {@code ignore} or {@code pending}.
   */
  void received(String node, String peer, String topic, String msgId, int size, boolean first,
      String validation, long duplicateDelayNanos);

  /** A first copy reported {@code pending} was validated later (asynchronous validation). */
  void validated(String node, String peer, String topic, String msgId, String validation);

  /** Gossip control in one RPC to ({@code outbound}) or from {@code peer}: message-id counts. */
  void control(String node, String peer, boolean outbound, int ihaveIds, int iwantIds,
      int idontwantIds, int grafts, int prunes);

  /** A gossip stream with {@code peer} negotiated {@code protocolId} ({@code /meshsub/1.x.0}). */
  void protocol(String node, String peer, String protocolId, boolean initiator);
}
