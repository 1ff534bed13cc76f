package dev.privacyagent.analyzer.simulate;

import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic synthetic libp2p traffic of one node with known privacy problems (see {@link
 * Scenario}): the same scenario, peer count and seed always give the same events, byte for byte
 * once encoded. Thirty minutes of event time starting 2026-01-01T00:00:00Z.
 */
public final class TrafficSimulator {
  public static final int DEFAULT_PEERS = 50;
  public static final long DEFAULT_SEED = 1;
  public static final long DURATION_NANOS = 30 * SimNetwork.MIN;
  /**
   * The run is built in memory and sorted before it is written: {@code all} with 5,000 peers is
   * about 8.4 million events (2 GB of JSON, 2 GB resident), which still fits a default heap.
   */
  public static final int MAX_PEERS = 5_000;

  private final long seed;
  private final int peers;

  public TrafficSimulator(long seed, int peers) {
    if (peers < 1 || peers > MAX_PEERS) {
      throw new IllegalArgumentException("peers must be between 1 and " + MAX_PEERS + ", got " + peers);
    }
    this.seed = seed;
    this.peers = peers;
  }

  /** {@link Scenario#BASELINE} with {@code mis} applied on top. */
  public List<Event> baseline(Misconfiguration mis) {
    SimNetwork net = new SimNetwork(seed, DURATION_NANOS);
    BaselineTraffic part = new BaselineTraffic(mis);
    part.configure(net.self);
    net.start();
    part.traffic(net, peers);
    net.finish();
    return net.events();
  }

  public List<Event> generate(Scenario scenario) {
    if (scenario == Scenario.BASELINE) {
      return baseline(Misconfiguration.NONE);
    }
    if (scenario == Scenario.GOSSIP) {
      return new GossipTraffic(seed).events(); // its own network of three nodes; --peers does not apply
    }
    SimNetwork net = new SimNetwork(seed, DURATION_NANOS);
    List<ScenarioPart> parts = new ArrayList<>();
    for (Scenario s : Scenario.parts(scenario)) {
      parts.add(part(s));
    }
    parts.forEach(p -> p.configure(net.self));
    net.start();
    parts.forEach(p -> p.traffic(net, peers));
    net.finish();
    return net.events();
  }

  public void generate(Scenario scenario, EventSink sink) {
    for (Event e : generate(scenario)) {
      sink.accept(e);
    }
  }

  private static ScenarioPart part(Scenario s) {
    return switch (s) {
      case TIMING -> new TimingTraffic();
      case ANONYMITY -> new AnonymityTraffic();
      case FINGERPRINT -> new FingerprintTraffic();
      case LEAKAGE -> new LeakageTraffic();
      case CLEAN -> new CleanTraffic();
      case ALL, GOSSIP, BASELINE -> throw new IllegalArgumentException(s + " is not a part");
    };
  }
}
