package io.libp2p.pubsub.gossip;

/**
 * Stands for jvm-libp2p's listener interface (same name and method names, plain parameter types),
 * so that the agent's {@code java.lang.reflect.Proxy} over it can be built and called in unit tests.
 */
public interface GossipRouterEventListener {
  void notifyDisconnected(Object peerId);

  void notifyConnected(Object peerId, Object addr);

  void notifyUnseenMessage(Object peerId, Object message);

  void notifySeenMessage(Object peerId, Object message, java.util.Optional<?> validation);

  void notifyUnseenInvalidMessage(Object peerId, Object message);

  void notifyUnseenValidMessage(Object peerId, Object message);

  void notifyMeshed(Object peerId, String topic);

  void notifyPruned(Object peerId, String topic);

  void notifyRouterMisbehavior(Object peerId, int count);
}
