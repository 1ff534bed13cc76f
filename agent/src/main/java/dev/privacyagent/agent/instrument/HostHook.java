package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code HostImpl} constructor exit: every builder (HostBuilder, the Kotlin DSL) ends there. Only
 * the 7-argument constructor, so a Kotlin default-arguments constructor that delegates to it does
 * not report the host twice.
 */
public final class HostHook implements Hook {
  @Override
  public String name() {
    return "host created";
  }

  @Override
  public ElementMatcher<TypeDescription> types() {
    return named("io.libp2p.host.HostImpl");
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.to(Exit.class)
        .on(
            isConstructor()
                .and(takesArguments(7))
                .and(takesArgument(0, named("io.libp2p.core.crypto.PrivKey")))
                .and(takesArgument(1, named("io.libp2p.core.Network"))));
  }

  static final class Exit {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object host) {
      PrivacyBridge.hostCreated(host);
    }
  }
}
