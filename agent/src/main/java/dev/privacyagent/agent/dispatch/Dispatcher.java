package dev.privacyagent.agent.dispatch;

import dev.privacyagent.agent.dispatch.gossip.GossipDispatcher;
import dev.privacyagent.agent.dispatch.gossip.GossipEvents;
import dev.privacyagent.agent.dispatch.gossip.GossipSettings;
import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.bootstrap.PrivacyBridge;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent side of {@link PrivacyBridge}: routes each hook to the tracker of its concern and
 * contains every failure. It runs on the application's threads, so it only reads getters, builds
 * events and offers them downstream; anything slower goes to the agent's worker thread.
 */
public final class Dispatcher implements PrivacyBridge.Sink {
  private final Failures failures;
  private final Emitter out;
  private final HostTracker hosts;
  private final ConnectionTracker connections;
  private final StreamTracker streams;
  private final DialTracker dials;
  private final ListenTracker listens;
  private final Handoff handoff;
  private final GossipDispatcher gossip;
  private final java.util.concurrent.ScheduledFuture<?> gossipStats;

  /**
   * @param attached true after a dynamic attach: unknown hosts and connections are then
   *     pre-existing ones, reported with {@code preexisting=true}
   */
  public Dispatcher(
      EventSink downstream, ScheduledExecutorService worker, Failures failures, boolean attached) {
    this(downstream, worker, failures, attached, GossipSettings.DEFAULT);
  }

  /**
   * @param gossip gossip capture settings; with {@code faults} every gossip event throws inside
   *     the agent once built, so that each path from the router's hooks and listener proves it
   *     contains the failure
   */
  public Dispatcher(
      EventSink downstream,
      ScheduledExecutorService worker,
      Failures failures,
      boolean attached,
      GossipSettings gossip) {
    this(downstream, worker, failures, attached, gossip, null);
  }

  /** @param nodeName the agent's {@code nodeName}, null for none (see {@link HostTracker}) */
  public Dispatcher(
      EventSink downstream,
      ScheduledExecutorService worker,
      Failures failures,
      boolean attached,
      GossipSettings gossip,
      String nodeName) {
    this.failures = failures;
    Registry registry = new Registry();
    Clock clock = new Clock();
    this.out = new Emitter(clock, downstream);
    this.connections = new ConnectionTracker(registry, out, failures);
    this.handoff = new Handoff(worker, failures);
    this.listens = new ListenTracker(registry, out, failures, handoff);
    this.hosts = new HostTracker(registry, out, connections, listens, handoff, failures, nodeName);
    this.streams = new StreamTracker(registry, out, failures, connections, handoff, attached);
    this.dials = new DialTracker(registry, out, failures);
    EventSink gossipSink = gossip.faults() ? Dispatcher::injectFault : downstream;
    this.gossip = new GossipDispatcher(new GossipEvents(clock, gossipSink), handoff, failures, attached,
        // after an attach hosts are found one by one: "the only host seen" proves nothing then
        gossip.sampling(), streams::nodeOfStream, attached ? () -> null : registry::soleNode);
    long every = Math.max(1, gossip.statsInterval().toMillis());
    this.gossipStats =
        worker.scheduleWithFixedDelay(this.gossip::flushStats, every, every, TimeUnit.MILLISECONDS);
  }

  private static void injectFault(dev.privacyagent.analyzer.event.Event e) {
    throw new IllegalStateException("privacy-agent fault injection (gossip)");
  }

  /** The gossip half, for {@code GossipBridge}. */
  public GossipDispatcher gossip() {
    return gossip;
  }

  /** Stops the periodic hand-off drain (a dispatcher that is no longer installed). */
  public void stop() {
    handoff.stop();
    gossipStats.cancel(false);
  }

  @Override
  public void hostCreated(Object host) {
    try {
      hosts.created(host);
    } catch (Throwable t) {
      failures.record("hostCreated", t);
    }
  }

  @Override
  public void transportCreated(Object transport, String builtInSecurity) {
    try {
      connections.transportCreated(transport, builtInSecurity);
    } catch (Throwable t) {
      failures.record("transportCreated", t);
    }
  }

  @Override
  public void discovered(Object hostOrNetwork) {
    try {
      hosts.discovered(hostOrNetwork);
    } catch (Throwable t) {
      failures.record("discovered", t);
    }
  }

  @Override
  public void connectionHandled(Object connection) {
    try {
      connections.handled(connection);
    } catch (Throwable t) {
      failures.record("connectionHandled", t);
    }
  }

  @Override
  public void upgradeStarted(
      boolean security, Object channel, String protocolId, Object future, Throwable thrown) {
    try {
      connections.upgrade(security, channel, protocolId, future, thrown);
    } catch (Throwable t) {
      failures.record(security ? "securityUpgrade" : "muxerUpgrade", t);
    }
  }

  @Override
  public void streamCreated(Object stream) {
    try {
      streams.created(stream);
    } catch (Throwable t) {
      failures.record("streamCreated", t);
    }
  }

  @Override
  public void streamWrite(Object stream, Object message) {
    try {
      streams.write(stream, message);
    } catch (Throwable t) {
      failures.record("streamWrite", t);
    }
  }

  @Override
  public long connectEnter(Object peerId) {
    try {
      return dials.connectEnter(peerId);
    } catch (Throwable t) {
      failures.record("connectEnter", t);
      return 0;
    }
  }

  @Override
  public void connectExit(
      Object network, Object peerId, Object[] addrs, Object future, Throwable thrown, long token) {
    try {
      dials.connectExit(network, peerId, addrs, future, thrown, token);
    } catch (Throwable t) {
      failures.record("connectExit", t);
    }
  }

  @Override
  public void dialExit(Object transport, Object addr, Object future, Throwable thrown) {
    try {
      dials.dialExit(transport, addr, future, thrown);
    } catch (Throwable t) {
      failures.record("dial", t);
    }
  }

  @Override
  public void listenExit(Object transport, Object addr, Object future, Throwable thrown) {
    try {
      listens.listenExit(transport, addr, future, thrown);
    } catch (Throwable t) {
      failures.record("listen", t);
    }
  }

  @Override
  public void unlistenExit(Object transport, Object addr, Object future, Throwable thrown) {
    try {
      listens.unlistenExit(transport, addr, future, thrown);
    } catch (Throwable t) {
      failures.record("unlisten", t);
    }
  }

  @Override
  public void transportClosed(Object transport, Object future) {
    try {
      listens.closed(transport, future);
    } catch (Throwable t) {
      failures.record("transportClose", t);
    }
  }

  @Override
  public void identifyReceived(Object stream, Object message) {
    try {
      streams.identifyReceived(stream, message);
    } catch (Throwable t) {
      failures.record("identifyReceived", t);
    }
  }

  @Override
  public void pingStarted(Object initiator, Object future) {
    try {
      streams.ping(initiator, future);
    } catch (Throwable t) {
      failures.record("ping", t);
    }
  }
}
