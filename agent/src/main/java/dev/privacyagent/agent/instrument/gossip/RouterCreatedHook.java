package dev.privacyagent.agent.instrument.gossip;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.bootstrap.GossipBridge;
import net.bytebuddy.asm.Advice;

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
  public TypeSpec types() {
    return TypeSpec.named(GossipNames.GOSSIP_ROUTER);
  }

  @Override
  public List<Site> sites() {
    return List.of(Site.of(Exit.class, MethodSpec.constructor().notSynthetic()));
  }

  static final class Exit {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object router) {
      GossipBridge.routerCreated(router);
    }
  }
}
