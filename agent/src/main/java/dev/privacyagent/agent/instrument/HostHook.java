package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;

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
  public TypeSpec types() {
    return TypeSpec.named("io.libp2p.host.HostImpl");
  }

  @Override
  public List<Site> sites() {
    return List.of(Site.of(Exit.class,
        MethodSpec.constructor().argCount(7).arg(0, "io.libp2p.core.crypto.PrivKey").arg(1, "io.libp2p.core.Network")));
  }

  static final class Exit {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object host) {
      PrivacyBridge.hostCreated(host);
    }
  }
}
