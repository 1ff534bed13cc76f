package dev.privacyagent.agent.instrument.gossip;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.bootstrap.GossipBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every non-synthetic {@code GossipRouter} constructor, on exit: the parameter count changed
 * between releases (13 up to 1.2.x, 14 since 1.3.0), and the synthetic default-arguments
 * constructor delegates to a real one, so it is left out. The agent registers its listener there.
 */
public final class RouterCreatedHook implements Hook {
  @Override
  public String name() {
    return "gossip router created";
  }

  @Override
  public ElementMatcher<TypeDescription> types() {
    return named(GossipNames.GOSSIP_ROUTER);
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.to(Exit.class).on(isConstructor().and(not(isSynthetic())));
  }

  static final class Exit {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object router) {
      GossipBridge.routerCreated(router);
    }
  }
}
