package dev.privacyagent.bench;

import io.libp2p.pubsub.gossip.GossipRouter;
import io.libp2p.pubsub.gossip.GossipRouterEventListener;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the running agent's gossip capture off and on again inside one JVM, for
 * {@link GossipInForkChild}: muted, the bootstrap {@code GossipBridge} has no sink (every woven
 * advice reads a null volatile and returns) and the routers' listener lists no longer hold the
 * agent's listener (the broadcaster iterates an empty list, as without the agent). What stays is the
 * advice itself: the calls into the bridge, its null check, and its per-thread publish bookkeeping
 * ({@code publishEnter}, {@code submitted}, {@code publishExit} run whatever the sink).
 *
 * <p>Only JDK reflection: the agent's classes are never on the benchmark's class path. The agent's
 * delivery counters are read through its dispatcher's public {@code counts()} (what its summary
 * line prints), so that each block can prove which side it ran on.
 */
final class AgentSwitch {
  private static final String BRIDGE = "dev.privacyagent.bootstrap.GossipBridge";
  private static final String LISTENER_PACKAGE = "dev.privacyagent.agent.dispatch.gossip";
  /** The name the agent gives the listener class it defines next to the listener interface. */
  private static final String GENERATED = "PrivacyAgentGossipListener$";

  /** The agent's listener in one router's list, and where it sat. */
  private record Slot(List<GossipRouterEventListener> list, GossipRouterEventListener listener, int index) {}

  private final Field sinkField;
  private final Method install;
  private final Object sink;
  private final Method counts;
  private final Method sampled;
  private final Method skipped;
  private final List<Slot> slots = new ArrayList<>();
  private boolean active = true;

  private AgentSwitch(Field sinkField, Method install, Object sink, Method counts) throws ReflectiveOperationException {
    this.sinkField = sinkField;
    this.install = install;
    this.sink = sink;
    this.counts = counts;
    Class<?> record = counts.getReturnType();
    this.sampled = record.getMethod("sampled");
    this.skipped = record.getMethod("skipped");
  }

  /** The switch over the agent's capture of {@code routers}; fails unless each has the agent's listener. */
  static AgentSwitch of(List<GossipRouter> routers) {
    try {
      Class<?> bridge = Class.forName(BRIDGE, false, null);
      Field f = bridge.getDeclaredField("sink");
      f.setAccessible(true);
      Object sink = f.get(null);
      if (sink == null) {
        throw new IllegalStateException("the agent is loaded but GossipBridge has no sink");
      }
      Class<?> sinkType = Class.forName(BRIDGE + "$Sink", false, null);
      AgentSwitch s = new AgentSwitch(f, bridge.getMethod("install", sinkType), sink,
          sink.getClass().getMethod("counts"));
      for (GossipRouter r : routers) {
        List<GossipRouterEventListener> list = r.getEventBroadcaster().getListeners();
        int found = -1;
        for (int i = 0; i < list.size(); i++) {
          if (isAgents(list.get(i))) {
            if (found >= 0) {
              throw new IllegalStateException("two agent listeners on one router: " + list);
            }
            found = i;
          }
        }
        if (found < 0) {
          throw new IllegalStateException("no agent listener on a router: " + list);
        }
        s.slots.add(new Slot(list, list.get(found), found));
      }
      s.verify(true);
      return s;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach the agent's gossip bridge: " + e, e);
    }
  }

  /** The agent's generated listener class, or (where it could not define one) its proxy. */
  private static boolean isAgents(Object listener) {
    if (listener.getClass().getSimpleName().startsWith(GENERATED)) {
      return true;
    }
    return Proxy.isProxyClass(listener.getClass())
        && Proxy.getInvocationHandler(listener).getClass().getPackageName().equals(LISTENER_PACKAGE);
  }

  boolean active() {
    return active;
  }

  void set(boolean on) {
    if (on == active) {
      return;
    }
    try {
      if (on) {
        install.invoke(null, sink);
        for (Slot s : slots) {
          s.list().add(s.index(), s.listener());
        }
      } else {
        sinkField.set(null, null);
        for (Slot s : slots) {
          if (!s.list().remove(s.listener())) {
            throw new IllegalStateException("the agent's listener left a router's list");
          }
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot switch the agent " + (on ? "on" : "off") + ": " + e, e);
    }
    active = on;
    verify(on);
  }

  /** Throws unless the bridge's sink and every router's list are what side {@code on} needs. */
  void verify(boolean on) {
    try {
      Object current = sinkField.get(null);
      if (current != (on ? sink : null)) {
        throw new IllegalStateException("GossipBridge.sink is " + current + ", expected " + (on ? sink : null));
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    for (Slot s : slots) {
      int at = s.list().indexOf(s.listener());
      boolean other = s.list().stream().anyMatch(l -> l != s.listener() && isAgents(l));
      if (other || (on ? at != s.index() : at >= 0)) {
        throw new IllegalStateException("agent " + (on ? "on" : "off") + " but a router's listeners are " + s.list());
      }
    }
  }

  /** Messages the agent's listeners have counted so far (with and without an event of their own). */
  long deliveries() {
    try {
      Object c = counts.invoke(sink);
      return (Long) sampled.invoke(c) + (Long) skipped.invoke(c);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the agent's gossip counts: " + e, e);
    }
  }
}
