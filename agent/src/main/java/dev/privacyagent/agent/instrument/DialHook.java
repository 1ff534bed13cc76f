package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

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
  public ElementMatcher<TypeDescription> types() {
    return named("io.libp2p.network.NetworkImpl");
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.to(Connect.class)
        .on(
            named("connect")
                .and(takesArguments(3))
                .and(takesArgument(0, named("io.libp2p.core.PeerId")))
                .and(takesArgument(1, named("io.libp2p.core.ChannelVisitor")))
                .and(takesArgument(2, named("io.libp2p.core.multiformats.Multiaddr[]")))
                .and(Matchers.concrete()));
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
