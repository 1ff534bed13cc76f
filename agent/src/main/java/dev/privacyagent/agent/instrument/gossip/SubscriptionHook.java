package dev.privacyagent.agent.instrument.gossip;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.bootstrap.GossipBridge;
import net.bytebuddy.asm.Advice;

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
  public TypeSpec types() {
    return TypeSpec.named(GossipNames.ABSTRACT_ROUTER);
  }

  @Override
  public List<Site> sites() {
    return List.of(
        Site.of(Subscribe.class, singleTopic("subscribe")),
        Site.of(Unsubscribe.class, singleTopic("unsubscribe")));
  }

  private static MethodSpec singleTopic(String name) {
    return MethodSpec.method(name).args("java.lang.String").returns("void").concrete();
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
