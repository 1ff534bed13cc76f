package dev.privacyagent.agent.dispatch.gossip;

import java.lang.reflect.Proxy;

/**
 * Fault injection ({@code faultInjection=throw}) for gossip: every fact the trackers report throws,
 * after they read it from the router, so that each hook and listener path shows it contains the
 * failure while the application's messages flow on.
 */
public final class ThrowingGossipOut {
  private ThrowingGossipOut() {}

  public static GossipOut create() {
    return (GossipOut) Proxy.newProxyInstance(
        GossipOut.class.getClassLoader(),
        new Class<?>[] {GossipOut.class},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.getName().equals("equals") ? proxy == args[0]
                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "ThrowingGossipOut";
          }
          throw new IllegalStateException("privacy-agent fault injection (gossip)");
        });
  }
}
