package dev.privacyagent.agent.instrument.gossip;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.bootstrap.GossipBridge;
import net.bytebuddy.asm.Advice;

/**
 * Our node's publishes. {@code GossipRouter#broadcastOutbound(PubsubMessage)} runs on the event
 * thread and sends the message to every chosen peer before it returns: the
 * {@code AbstractRouter#submitPublishMessage} calls between its enter and exit are the fan-out
 * (the bridge counts them; the same method also forwards and answers IWANT, which happens outside
 * that window and is not counted). {@code AbstractRouter#publish(PubsubMessage)} is the public call,
 * whose future fails on a duplicate publish.
 */
public final class PublishHook implements Hook {
  @Override
  public String name() {
    return "gossip publish";
  }

  @Override
  public TypeSpec types() {
    return TypeSpec.named(GossipNames.GOSSIP_ROUTER, GossipNames.ABSTRACT_ROUTER);
  }

  @Override
  public List<Site> sites() {
    return List.of(
        Site.of(Broadcast.class, message("broadcastOutbound").declaredBy(GossipNames.GOSSIP_ROUTER)),
        Site.of(Submit.class, GossipNames.peerMethod("submitPublishMessage", GossipNames.PUBSUB_MESSAGE)
            .declaredBy(GossipNames.ABSTRACT_ROUTER)),
        Site.of(Publish.class, message("publish").declaredBy(GossipNames.ABSTRACT_ROUTER)));
  }

  private static MethodSpec message(String name) {
    return MethodSpec.method(name).args(GossipNames.PUBSUB_MESSAGE).returns(GossipNames.FUTURE).concrete();
  }

  static final class Broadcast {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter() {
      return GossipBridge.publishEnter();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.This Object router,
        @Advice.Argument(0) Object message,
        @Advice.Return Object future,
        @Advice.Thrown Throwable thrown,
        @Advice.Enter int depth) {
      GossipBridge.publishExit(router, message, future, thrown, depth);
    }
  }

  static final class Submit {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object peer) {
      GossipBridge.submitted(peer);
    }
  }

  static final class Publish {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(
        @Advice.This Object router,
        @Advice.Argument(0) Object message,
        @Advice.Return Object future) {
      GossipBridge.publishCalled(router, message, future);
    }
  }
}
