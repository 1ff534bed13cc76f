package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@code PingProtocol$PingInitiator#ping()} exit: the future completes with the RTT in ms. */
public final class PingHook implements Hook {
  @Override
  public String name() {
    return "ping";
  }

  @Override
  public ElementMatcher<TypeDescription> types() {
    return named("io.libp2p.protocol.PingProtocol$PingInitiator");
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.to(Exit.class)
        .on(
            named("ping")
                .and(takesArguments(0))
                .and(returns(named("java.util.concurrent.CompletableFuture")))
                .and(Matchers.concrete()));
  }

  static final class Exit {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object initiator, @Advice.Return Object future) {
      PrivacyBridge.pingStarted(initiator, future);
    }
  }
}
