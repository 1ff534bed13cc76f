package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code ProtocolBinding#initChannel(P2PChannel, String)} on SecureChannel and StreamMuxer
 * implementations: argument 1 is the negotiated id, and the returned future fails on a failed
 * handshake (the only place an inbound handshake failure shows). Two instances, one per role.
 */
public final class UpgradeHook implements Hook {
  private final boolean security;

  private UpgradeHook(boolean security) {
    this.security = security;
  }

  public static UpgradeHook security() {
    return new UpgradeHook(true);
  }

  public static UpgradeHook muxer() {
    return new UpgradeHook(false);
  }

  @Override
  public String name() {
    return security ? "security upgrade" : "muxer upgrade";
  }

  @Override
  public TypeSpec types() {
    return TypeSpec.implementing(
        security ? "io.libp2p.core.security.SecureChannel" : "io.libp2p.core.mux.StreamMuxer");
  }

  @Override
  public List<Site> sites() {
    return List.of(Site.of(Upgrade.class, initChannel(), security ? PrivacyBridge.SECURITY : PrivacyBridge.MUXER));
  }

  static MethodSpec initChannel() {
    return MethodSpec.method("initChannel")
        .args("io.libp2p.core.P2PChannel", "java.lang.String")
        .returns("java.util.concurrent.CompletableFuture")
        .concrete();
  }

  static final class Upgrade {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter(@Kind int kind) {
      return PrivacyBridge.enter(kind);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Kind int kind,
        @Advice.Argument(0) Object channel,
        @Advice.Argument(1) String protocolId,
        @Advice.Return Object future,
        @Advice.Thrown Throwable thrown,
        @Advice.Enter int depth) {
      PrivacyBridge.upgradeStarted(kind, channel, protocolId, future, thrown, depth);
    }
  }
}
