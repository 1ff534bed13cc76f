package dev.privacyagent.analyzer.simulate;

import static dev.privacyagent.analyzer.simulate.SimNetwork.MIN;
import static dev.privacyagent.analyzer.simulate.SimNetwork.MS;
import static dev.privacyagent.analyzer.simulate.SimNetwork.SEC;

import dev.privacyagent.analyzer.event.Direction;

/**
 * Ordinary traffic of a well-behaved node: many peers in many networks, common clients, Noise and
 * yamux, half the connections ours, requests at random (Poisson) times, pings at jittered
 * intervals, some churn and a few failed dials. Also the background of the other scenarios.
 */
final class CleanTraffic implements ScenarioPart {
  static final int MIN_PEERS = 16;

  @Override
  public void traffic(SimNetwork net, int peers) {
    int n = Math.max(MIN_PEERS, peers);
    for (int i = 0; i < n; i++) {
      Clients client = Clients.pick(net.rnd);
      SimNetwork.Peer p = net.newPeer(client.agent(), client.protocols(), net.publicIp());
      addPeerTraffic(net, p, 1.0);
    }
    int failed = 1 + n / 20;
    for (int i = 0; i < failed; i++) {
      net.failedDial(net.uniform(0, net.durationNanos));
    }
  }

  /** Connections and traffic of one ordinary peer; {@code rate} scales its request rate. */
  static void addPeerTraffic(SimNetwork net, SimNetwork.Peer p, double rate) {
    long start = net.uniform(0, net.durationNanos / 5);
    Direction dir = net.rnd.nextBoolean() ? Direction.OUTBOUND : Direction.INBOUND;
    if (net.rnd.nextDouble() < 0.25) {
      // churn: one short connection, a pause, then a connection that lasts
      long close = start + net.uniform(2 * MIN, 8 * MIN);
      requests(net, net.connect(p, start, close, dir, "/noise"), rate);
      long again = close + net.uniform(30 * SEC, 4 * MIN);
      if (again < net.durationNanos - MIN) {
        Direction d2 = net.rnd.nextBoolean() ? Direction.OUTBOUND : Direction.INBOUND;
        requests(net, net.connect(p, again, Long.MAX_VALUE, d2, "/noise"), rate);
      }
    } else {
      requests(net, net.connect(p, start, Long.MAX_VALUE, dir, "/noise"), rate);
    }
  }

  /** Requests at exponential gaps (0.3 to 1.5 a minute) and pings every 5 to 25 s, both random. */
  static void requests(SimNetwork net, SimNetwork.Conn c, double rate) {
    long end = Math.min(c.closeAt, net.durationNanos);
    double perNano = rate * (0.3 + 1.2 * net.rnd.nextDouble()) / MIN;
    for (long t = c.openedAt + gap(net, perNano); t < end; t += gap(net, perNano)) {
      net.stream(c, t, Clients.TRAFFIC.get(net.rnd.nextInt(Clients.TRAFFIC.size())));
    }
    for (long t = c.openedAt + net.uniform(5 * SEC, 25 * SEC); t < end; t += net.uniform(5 * SEC, 25 * SEC)) {
      net.ping(c, t, net.uniform(15 * MS, 90 * MS));
    }
  }

  private static long gap(SimNetwork net, double perNano) {
    return (long) (-Math.log(1 - net.rnd.nextDouble()) / perNano);
  }
}
