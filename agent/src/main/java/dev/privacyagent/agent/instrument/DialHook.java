package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code NetworkImpl#connect(PeerId, ChannelVisitor, Multiaddr[])}: the longest overload only (the
 * short ones are interface defaults funnelling into it, so hooking them too would count twice).
 */
public final class DialHook implements Hook {
  @Override
  public String name() {
    return "network connect";
  }

  @Override
  public TypeSpec types() {
    return TypeSpec.named("io.libp2p.network.NetworkImpl");
  }

  @Override
  public List<Site> sites() {
    return List.of(Site.of(Connect.class,
        MethodSpec.method("connect")
            .args("io.libp2p.core.PeerId", "io.libp2p.core.ChannelVisitor", "io.libp2p.core.multiformats.Multiaddr[]")
            .concrete()));
  }

  static final class Connect {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.Argument(0) Object peerId) {
      return PrivacyBridge.connectEnter(peerId);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.This Object network,
        @Advice.Argument(0) Object peerId,
        @Advice.Argument(2) Object[] addrs,
        @Advice.Return Object future,
        @Advice.Thrown Throwable thrown,
        @Advice.Enter long token) {
      PrivacyBridge.connectExit(network, peerId, addrs, future, thrown, token);
    }
  }
}
