package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

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
  public ElementMatcher<TypeDescription> types() {
    return Matchers.implementing(
        security ? "io.libp2p.core.security.SecureChannel" : "io.libp2p.core.mux.StreamMuxer");
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.withCustomMapping()
        .bind(Kind.class, security ? PrivacyBridge.SECURITY : PrivacyBridge.MUXER)
        .to(Upgrade.class)
        .on(initChannel());
  }

  static ElementMatcher.Junction<MethodDescription> initChannel() {
    return named("initChannel")
        .and(takesArguments(2))
        .and(takesArgument(0, named("io.libp2p.core.P2PChannel")))
        .and(takesArgument(1, String.class))
        .and(returns(named("java.util.concurrent.CompletableFuture")))
        .and(Matchers.concrete());
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
      PrivacyBridge.upgradeStarted(
          kind == PrivacyBridge.SECURITY, channel, protocolId, future, thrown, depth);
    }
  }
}
