package dev.privacyagent.agent.instrument.gossip;

import dev.privacyagent.agent.instrument.spec.MethodSpec;

/**
 * jvm-libp2p's pubsub class names (../shared/jvm-libp2p-pubsub.md). Router methods are matched on
 * the class that declares them only: {@code GossipRouter} overrides {@code subscribe(String)} and
 * calls {@code super}, so weaving both classes would report every call twice.
 */
final class GossipNames {
  static final String ABSTRACT_ROUTER = "io.libp2p.pubsub.AbstractRouter";
  static final String GOSSIP_ROUTER = "io.libp2p.pubsub.gossip.GossipRouter";
  static final String GOSSIP = "io.libp2p.pubsub.gossip.Gossip";
  static final String PEER_HANDLER = "io.libp2p.etc.util.P2PService$PeerHandler";
  static final String PUBSUB_MESSAGE = "io.libp2p.pubsub.PubsubMessage";
  static final String FUTURE = "java.util.concurrent.CompletableFuture";

  private GossipNames() {}

  /** {@code name(PeerHandler, second)}, a concrete method. */
  static MethodSpec peerMethod(String name, String second) {
    return MethodSpec.method(name).args(PEER_HANDLER, second).concrete();
  }
}
