package dev.privacyagent.agent.instrument.gossip;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

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
  static ElementMatcher.Junction<MethodDescription> peerMethod(String name, String second) {
    return named(name)
        .and(takesArguments(2))
        .and(takesArgument(0, named(PEER_HANDLER)))
        .and(takesArgument(1, named(second)))
        .and(dev.privacyagent.agent.instrument.Matchers.concrete());
  }
}
