package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.analyzer.event.GossipValidation;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/**
 * The handler behind the agent's {@code GossipRouterEventListener} proxy: one router's message
 * deliveries, validation results and mesh changes, on its event thread. It holds the agent's state
 * of that router, never the router, and never throws into the router's broadcaster.
 */
final class DeliveryListener implements InvocationHandler {
  private final RouterState st;
  private final MessageTracker messages;
  private final GossipDispatcher peers;
  private final Failures failures;

  DeliveryListener(RouterState st, MessageTracker messages, GossipDispatcher peers, Failures failures) {
    this.st = st;
    this.messages = messages;
    this.peers = peers;
    this.failures = failures;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    String name = method.getName();
    try {
      switch (name) {
        case "notifyUnseenMessage" -> messages.unseen(st, args[0], args[1]);
        case "notifySeenMessage" -> messages.seen(st, args[0], args[1], args[2]);
        case "notifyUnseenValidMessage" -> messages.validated(st, args[0], args[1], GossipValidation.VALID);
        case "notifyUnseenInvalidMessage" ->
            messages.validated(st, args[0], args[1], GossipValidation.INVALID);
        case "notifyConnected" -> peers.peerStatus(st, args[0], true);
        case "notifyDisconnected" -> peers.peerStatus(st, args[0], false);
        case "notifyMeshed" -> messages.mesh(st, args[0], (String) args[1], true);
        case "notifyPruned" -> messages.mesh(st, args[0], (String) args[1], false);
        case "hashCode" -> {
          return System.identityHashCode(proxy);
        }
        case "equals" -> {
          return proxy == args[0];
        }
        case "toString" -> {
          return "privacy-agent gossip listener";
        }
        default -> {
          // notifyRouterMisbehavior: the score's business, not reported
        }
      }
    } catch (Throwable t) {
      failures.record("gossip " + name, t);
    }
    return null;
  }
}
