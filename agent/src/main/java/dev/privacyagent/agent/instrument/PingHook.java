package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;

/** {@code PingProtocol$PingInitiator#ping()} exit: the future completes with the RTT in ms. */
public final class PingHook implements Hook {
  @Override
  public String name() {
    return "ping";
  }

  @Override
  public TypeSpec types() {
    return TypeSpec.named("io.libp2p.protocol.PingProtocol$PingInitiator");
  }

  @Override
  public List<Site> sites() {
    return List.of(Site.of(Exit.class,
        MethodSpec.method("ping").argCount(0).returns("java.util.concurrent.CompletableFuture").concrete()));
  }

  static final class Exit {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object initiator, @Advice.Return Object future) {
      PrivacyBridge.pingStarted(initiator, future);
    }
  }
}
