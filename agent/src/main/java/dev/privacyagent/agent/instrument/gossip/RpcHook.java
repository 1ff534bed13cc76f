package dev.privacyagent.agent.instrument.gossip;

import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.bootstrap.GossipBridge;
import net.bytebuddy.asm.Advice;

/**
 * The router's wire: {@code AbstractRouter#onInbound(PeerHandler, Object)} (every RPC a peer
 * sends, before it is applied; the exit marks the end of its processing, so that mesh changes made
 * meanwhile are known to be the peer's GRAFT or PRUNE; the enter's result, the agent's state of the
 * router, is held in the method's frame until the exit) and {@code #send(PeerHandler, Rpc$RPC)},
 * the single point every outbound RPC passes. Both run on the router's event thread.
 */
public final class RpcHook implements Hook {
  @Override
  public String name() {
    return "gossip rpc";
  }

  @Override
  public TypeSpec types() {
    return TypeSpec.named(GossipNames.ABSTRACT_ROUTER);
  }

  @Override
  public List<Site> sites() {
    return List.of(
        Site.of(Inbound.class, GossipNames.peerMethod("onInbound", "java.lang.Object").returns("void")),
        Site.of(Outbound.class, GossipNames.peerMethod("send", "pubsub.pb.Rpc$RPC").returns(GossipNames.FUTURE)));
  }

  static final class Inbound {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(
        @Advice.This Object router,
        @Advice.Argument(0) Object peer,
        @Advice.Argument(1) Object rpc) {
      return GossipBridge.inbound(router, peer, rpc);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object router, @Advice.Enter Object state) {
      GossipBridge.inboundDone(router, state);
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
