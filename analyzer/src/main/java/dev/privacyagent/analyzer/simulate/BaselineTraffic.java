package dev.privacyagent.analyzer.simulate;

import static dev.privacyagent.analyzer.simulate.SimNetwork.MS;
import static dev.privacyagent.analyzer.simulate.SimNetwork.SEC;

import dev.privacyagent.analyzer.detect.ReferencePopulation;
import dev.privacyagent.analyzer.event.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A well-run node in a mainnet-like network: at least {@value #PEERS} peers whose agents are
 * drawn from the bundled Ethereum consensus-layer crawl (shared/reference), each from a random
 * public address (so spread over about as many /24 prefixes), Noise and yamux, requests at random
 * times and jittered pings, some churn, no private address anywhere. One {@link
 * Misconfiguration} may be applied on top.
 */
final class BaselineTraffic implements ScenarioPart {
  static final int PEERS = 100;
  /** {@link Misconfiguration#FEW_PEERS_ONE_PREFIX}: the whole peer set. */
  static final int FEW_PEERS = 6;
  static final String CROWDED_PREFIX = "185.199.108.";
  static final String STATUS = TimingTraffic.STATUS;

  private final Misconfiguration mis;

  BaselineTraffic(Misconfiguration mis) {
    this.mis = mis;
  }

  @Override
  public void configure(SelfProfile self) {
    if (mis == Misconfiguration.PRIVATE_LISTEN_ADDRESS) {
      self.listenAddrs = new ArrayList<>(List.of("/ip4/" + self.publicIp + "/tcp/9000", "/ip4/192.168.1.23/tcp/9000"));
    } else if (mis == Misconfiguration.VERBOSE_AGENT) {
      self.agentVersion = Clients.LIGHTHOUSE.agent() + "/x86_64-linux";
    }
  }

  @Override
  public void traffic(SimNetwork net, int peers) {
    int n = mis == Misconfiguration.FEW_PEERS_ONE_PREFIX ? FEW_PEERS : Math.max(PEERS, peers);
    ReferencePopulation ref = ReferencePopulation.ethereumConsensus2023();
    List<SimNetwork.Conn> conns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Clients client = fromReference(ref.shares(), net.rnd.nextDouble());
      String ip = mis == Misconfiguration.FEW_PEERS_ONE_PREFIX ? CROWDED_PREFIX + (10 + i) : net.publicIp();
      SimNetwork.Peer p = net.newPeer(client.agent(), client.protocols(), ip);
      String security = mis == Misconfiguration.PLAINTEXT && i < 3 ? "/plaintext/2.0.0" : "/noise";
      if (mis == Misconfiguration.STRICT_HEARTBEAT) {
        conns.add(net.connect(p, net.uniform(0, 20 * SEC), Long.MAX_VALUE,
            net.rnd.nextBoolean() ? Direction.OUTBOUND : Direction.INBOUND, security));
      } else if (security.equals("/noise")) {
        CleanTraffic.addPeerTraffic(net, p, 1.0);
      } else {
        CleanTraffic.requests(net, net.connect(p, net.uniform(0, 60 * SEC), Long.MAX_VALUE, Direction.OUTBOUND, security), 1.0);
      }
    }
    if (mis == Misconfiguration.STRICT_HEARTBEAT) {
      heartbeats(net, conns);
    } else if (mis == Misconfiguration.RECONNECTING_CRAWLER) {
      crawler(net);
    }
    for (int i = 0; i < 1 + n / 20; i++) {
      net.failedDial(net.uniform(0, net.durationNanos));
    }
  }

  /** Agent profile for a uniform draw {@code u} over the crawl's shares (unknown: no agentVersion). */
  static Clients fromReference(Map<String, Double> shares, double u) {
    double acc = 0;
    String name = "other";
    for (Map.Entry<String, Double> e : shares.entrySet()) {
      acc += e.getValue();
      if (u < acc) {
        name = e.getKey();
        break;
      }
    }
    return switch (name) {
      case "lighthouse" -> Clients.LIGHTHOUSE;
      case "prysm" -> Clients.PRYSM;
      case "teku" -> Clients.TEKU;
      case "nimbus" -> Clients.NIMBUS;
      case "unknown" -> new Clients(null, Clients.LIGHTHOUSE.protocols(), 0);
      default -> Clients.LODESTAR;
    };
  }

  /** A fixed timer per connection: status every 12 s and ping every 15 s, sub-ms jitter. */
  private static void heartbeats(SimNetwork net, List<SimNetwork.Conn> conns) {
    for (SimNetwork.Conn c : conns) {
      for (long t = c.openedAt + net.uniform(SEC, TimingTraffic.STATUS_PERIOD); t < net.durationNanos;
          t += TimingTraffic.STATUS_PERIOD) {
        net.stream(c, t + net.uniform(-300_000, 300_000), STATUS);
      }
      long rtt = net.uniform(20 * MS, 60 * MS);
      for (long t = c.openedAt + net.uniform(SEC, TimingTraffic.PING_PERIOD); t < net.durationNanos;
          t += TimingTraffic.PING_PERIOD) {
        net.ping(c, t, rtt + net.uniform(-200_000, 200_000));
      }
    }
  }

  /** One peer id, one address, a short inbound connection every 20 to 40 s. */
  private static void crawler(SimNetwork net) {
    SimNetwork.Peer p = net.newPeer("crawler/0.1", List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"), net.publicIp());
    for (long t = net.uniform(0, 10 * SEC); t < net.durationNanos - 10 * SEC; t += net.uniform(20 * SEC, 40 * SEC)) {
      // a crawler keeps its own schedule: it does not arrive in the same instant as other traffic
      // (which a co-occurrence detector would rightly read as linked activity)
      if (net.quietAround(t, 200 * MS)) {
        net.connect(p, t, t + net.uniform(2 * SEC, 5 * SEC), Direction.INBOUND, "/noise");
      }
    }
  }
}
