package dev.privacyagent.agent.instrument.gossip;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.agent.instrument.Matchers;
import dev.privacyagent.bootstrap.GossipBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

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
  public ElementMatcher<TypeDescription> types() {
    return named(GossipNames.GOSSIP_ROUTER).or(named(GossipNames.ABSTRACT_ROUTER));
  }

  @Override
  public AsmVisitorWrapper advice() {
    return new AsmVisitorWrapper.Compound(
        Advice.to(Broadcast.class)
            .on(message("broadcastOutbound").and(isDeclaredBy(named(GossipNames.GOSSIP_ROUTER)))),
        Advice.to(Submit.class)
            .on(GossipNames.peerMethod("submitPublishMessage", GossipNames.PUBSUB_MESSAGE)
                .and(isDeclaredBy(named(GossipNames.ABSTRACT_ROUTER)))),
        Advice.to(Publish.class)
            .on(message("publish").and(isDeclaredBy(named(GossipNames.ABSTRACT_ROUTER)))));
  }

  private static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> message(
      String name) {
    return named(name)
        .and(takesArguments(1))
        .and(takesArgument(0, named(GossipNames.PUBSUB_MESSAGE)))
        .and(returns(named(GossipNames.FUTURE)))
        .and(Matchers.concrete());
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
