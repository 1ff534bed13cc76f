package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.gossip.GossipBindingHook;
import dev.privacyagent.agent.instrument.gossip.PublishHook;
import dev.privacyagent.agent.instrument.gossip.RouterCreatedHook;
import dev.privacyagent.agent.instrument.gossip.RpcHook;
import dev.privacyagent.agent.instrument.gossip.SubscriptionHook;
import java.util.ArrayList;
import java.util.List;

/** Every hook the agent weaves. Free of Byte Buddy, so that start-up never loads it for this. */
public final class Hooks {
  private Hooks() {}

  /** @param attached true after a dynamic attach, which also needs the discovery hook */
  public static List<Hook> all(boolean attached) {
    List<Hook> hooks = new ArrayList<>();
    hooks.add(new HostHook());
    hooks.add(new ConnectionHook());
    hooks.add(UpgradeHook.security());
    hooks.add(UpgradeHook.muxer());
    hooks.add(new StreamHook());
    hooks.add(new DialHook());
    hooks.add(new TransportHook());
    hooks.add(new QuicTransportHook());
    hooks.add(new IdentifyHook());
    hooks.add(new PingHook());
    hooks.add(new RouterCreatedHook());
    hooks.add(new GossipBindingHook());
    hooks.add(new SubscriptionHook());
    hooks.add(new RpcHook());
    hooks.add(new PublishHook());
    if (attached) {
      hooks.add(new DiscoveryHook());
    }
    return hooks;
  }
}
