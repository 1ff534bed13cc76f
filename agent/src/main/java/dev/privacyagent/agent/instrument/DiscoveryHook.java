package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;

/**
 * Dynamic attach only: a host created before the agent arrived has no constructor event. The JVM
 * offers no way to enumerate live instances, so every public method of {@code HostImpl} and
 * {@code NetworkImpl} (newStream, getNetwork, getConnections, connect, ...) reports its receiver;
 * the first call on an unseen host makes the agent enumerate its connections as pre-existing.
 * The cost after that first call is one identity-map lookup.
 */
public final class DiscoveryHook implements Hook {
  @Override
  public String name() {
    return "attach discovery";
  }

  @Override
  public TypeSpec types() {
    return TypeSpec.named("io.libp2p.host.HostImpl", "io.libp2p.network.NetworkImpl");
  }

  @Override
  public List<Site> sites() {
    return List.of(Site.of(Enter.class, MethodSpec.anyMethod().publicOnly().notStatic().concrete()));
  }

  static final class Enter {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object self) {
      PrivacyBridge.discovered(self);
    }
  }
}
