package dev.privacyagent.agent.instrument.gossip;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.agent.instrument.Matchers;
import dev.privacyagent.bootstrap.GossipBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Our node's subscriptions: {@code AbstractRouter#subscribe(String)} and
 * {@code #unsubscribe(String)}, the protected single-topic methods, which run on the event thread
 * once per topic actually (un)subscribed. The public varargs forms run earlier on the caller's
 * thread, before anything changed, and are not hooked.
 */
public final class SubscriptionHook implements Hook {
  @Override
  public String name() {
    return "gossip subscriptions";
  }

  @Override
  public ElementMatcher<TypeDescription> types() {
    return named(GossipNames.ABSTRACT_ROUTER);
  }

  @Override
  public AsmVisitorWrapper advice() {
    return new AsmVisitorWrapper.Compound(
        Advice.to(Subscribe.class).on(singleTopic("subscribe")),
        Advice.to(Unsubscribe.class).on(singleTopic("unsubscribe")));
  }

  private static ElementMatcher.Junction<MethodDescription> singleTopic(String name) {
    return named(name)
        .and(takesArguments(1))
        .and(takesArgument(0, String.class))
        .and(returns(void.class))
        .and(Matchers.concrete());
  }

  static final class Subscribe {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object router, @Advice.Argument(0) String topic) {
      GossipBridge.subscription(router, topic, true);
    }
  }

  static final class Unsubscribe {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object router, @Advice.Argument(0) String topic) {
      GossipBridge.subscription(router, topic, false);
    }
  }
}
