package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

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
  public ElementMatcher<TypeDescription> types() {
    return named("io.libp2p.host.HostImpl").or(named("io.libp2p.network.NetworkImpl"));
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.to(Enter.class)
        .on(isPublic().and(not(isStatic())).and(not(isConstructor())).and(Matchers.concrete()));
  }

  static final class Enter {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object self) {
      PrivacyBridge.discovered(self);
    }
  }
}
