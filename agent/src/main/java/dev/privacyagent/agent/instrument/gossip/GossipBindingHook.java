package dev.privacyagent.agent.instrument.gossip;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.agent.instrument.Matchers;
import dev.privacyagent.bootstrap.GossipBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Gossip}, the protocol binding: its full constructor (every {@code @JvmOverloads} form
 * ends there) pairs the binding with its router, and {@code initChannel(P2PChannel, String)} gives
 * the negotiated {@code /meshsub} version of each gossip stream, on the stream's Netty thread.
 */
public final class GossipBindingHook implements Hook {
  @Override
  public String name() {
    return "gossip binding";
  }

  @Override
  public ElementMatcher<TypeDescription> types() {
    return named(GossipNames.GOSSIP);
  }

  @Override
  public AsmVisitorWrapper advice() {
    return new AsmVisitorWrapper.Compound(
        Advice.to(Created.class)
            .on(
                isConstructor()
                    .and(takesArguments(3))
                    // not the third parameter's type: naming Netty's ChannelHandler here kept the
                    // constructor from matching on the test host (seen end to end)
                    .and(takesArgument(0, named(GossipNames.GOSSIP_ROUTER)))),
        Advice.to(InitChannel.class)
            .on(
                named("initChannel")
                    .and(takesArguments(2))
                    .and(takesArgument(0, named("io.libp2p.core.P2PChannel")))
                    .and(takesArgument(1, String.class))
                    .and(returns(named(GossipNames.FUTURE)))
                    .and(Matchers.concrete())));
  }

  static final class Created {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object gossip, @Advice.Argument(0) Object router) {
      GossipBridge.gossipCreated(gossip, router);
    }
  }

  static final class InitChannel {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.This Object gossip,
        @Advice.Argument(0) Object channel,
        @Advice.Argument(1) String protocolId) {
      GossipBridge.channelInit(gossip, channel, protocolId);
    }
  }
}
