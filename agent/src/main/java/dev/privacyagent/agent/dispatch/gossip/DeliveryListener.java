package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.analyzer.event.GossipValidation;
import dev.privacyagent.bootstrap.GossipBridge;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;

/**
 * One router's message deliveries, validation results and mesh changes, on its event thread, as
 * the agent's {@code GossipRouterEventListener} reports them: through the class
 * {@link ListenerClass} generates (the {@link GossipBridge.Listener} methods) or, where that
 * class cannot be defined, a {@link java.lang.reflect.Proxy} (the {@link InvocationHandler}). It
 * holds the agent's state of that router, never the router, and never throws into the router's
 * broadcaster.
 */
final class DeliveryListener implements GossipBridge.Listener, InvocationHandler {
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
  public void unseen(Object peerId, Object message) {
    try {
      messages.unseen(st, peerId, message, MessageFacts.read(message));
    } catch (Throwable t) {
      failures.record("gossip notifyUnseenMessage", t);
    }
  }

  @Override
  public void seen(Object peerId, Object message, Object validation) {
    try {
      messages.seen(st, peerId, message, validation);
    } catch (Throwable t) {
      failures.record("gossip notifySeenMessage", t);
    }
  }

  @Override
  public void valid(Object peerId, Object message) {
    try {
      messages.validated(st, peerId, message, GossipValidation.VALID);
    } catch (Throwable t) {
      failures.record("gossip notifyUnseenValidMessage", t);
    }
  }

  @Override
  public void invalid(Object peerId, Object message) {
    try {
      messages.validated(st, peerId, message, GossipValidation.INVALID);
    } catch (Throwable t) {
      failures.record("gossip notifyUnseenInvalidMessage", t);
    }
  }

  @Override
  public void meshed(Object peerId, Object topic) {
    try {
      messages.mesh(st, peerId, (String) topic, true);
    } catch (Throwable t) {
      failures.record("gossip notifyMeshed", t);
    }
  }

  @Override
  public void pruned(Object peerId, Object topic) {
    try {
      messages.mesh(st, peerId, (String) topic, false);
    } catch (Throwable t) {
      failures.record("gossip notifyPruned", t);
    }
  }

  @Override
  public void connected(Object peerId, Object address) {
    try {
      peers.peerStatus(st, peerId, true);
    } catch (Throwable t) {
      failures.record("gossip notifyConnected", t);
    }
  }

  @Override
  public void disconnected(Object peerId) {
    try {
      peers.peerStatus(st, peerId, false);
    } catch (Throwable t) {
      failures.record("gossip notifyDisconnected", t);
    }
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) {
    String name = method.getName();
    try {
      switch (name) {
        case "notifyUnseenMessage" -> unseen(args[0], args[1]);
        case "notifySeenMessage" -> seen(args[0], args[1], args[2]);
        case "notifyUnseenValidMessage" -> valid(args[0], args[1]);
        case "notifyUnseenInvalidMessage" -> invalid(args[0], args[1]);
        case "notifyConnected" -> connected(args[0], args[1]);
        case "notifyDisconnected" -> disconnected(args[0]);
        case "notifyMeshed" -> meshed(args[0], args[1]);
        case "notifyPruned" -> pruned(args[0], args[1]);
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
