package dev.privacyagent.agent.instrument.gossip;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.bootstrap.GossipBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The router's wire: {@code AbstractRouter#onInbound(PeerHandler, Object)} (every RPC a peer
 * sends, before it is applied; the exit marks the end of its processing, so that mesh changes made
 * meanwhile are known to be the peer's GRAFT or PRUNE) and {@code #send(PeerHandler, Rpc$RPC)},
 * the single point every outbound RPC passes. Both run on the router's event thread.
 */
public final class RpcHook implements Hook {
  @Override
  public String name() {
    return "gossip rpc";
  }

  @Override
  public ElementMatcher<TypeDescription> types() {
    return named(GossipNames.ABSTRACT_ROUTER);
  }

  @Override
  public AsmVisitorWrapper advice() {
    return new AsmVisitorWrapper.Compound(
        Advice.to(Inbound.class)
            .on(GossipNames.peerMethod("onInbound", "java.lang.Object").and(returns(void.class))),
        Advice.to(Outbound.class)
            .on(GossipNames.peerMethod("send", "pubsub.pb.Rpc$RPC")
                .and(returns(named(GossipNames.FUTURE)))));
  }

  static final class Inbound {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.This Object router,
        @Advice.Argument(0) Object peer,
        @Advice.Argument(1) Object rpc) {
      GossipBridge.inbound(router, peer, rpc);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object router) {
      GossipBridge.inboundDone(router);
    }
  }

  static final class Outbound {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(
        @Advice.This Object router,
        @Advice.Argument(0) Object peer,
        @Advice.Argument(1) Object rpc) {
      GossipBridge.outbound(router, peer, rpc);
    }
  }
}
