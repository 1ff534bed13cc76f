package dev.privacyagent.agent.instrument.gossip;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.bootstrap.GossipBridge;
import net.bytebuddy.asm.Advice;

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
  public TypeSpec types() {
    return TypeSpec.named(GossipNames.GOSSIP);
  }

  @Override
  public List<Site> sites() {
    return List.of(
        // not the third parameter's type: naming Netty's ChannelHandler here kept the constructor
        // from matching on the test host (seen end to end)
        Site.of(Created.class, MethodSpec.constructor().argCount(3).arg(0, GossipNames.GOSSIP_ROUTER)),
        Site.of(InitChannel.class,
            MethodSpec.method("initChannel").args("io.libp2p.core.P2PChannel", "java.lang.String")
                .returns(GossipNames.FUTURE).concrete()));
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
