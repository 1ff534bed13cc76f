package dev.privacyagent.analyzer.simulate;

import static dev.privacyagent.analyzer.simulate.SimNetwork.MS;
import static dev.privacyagent.analyzer.simulate.SimNetwork.SEC;

import dev.privacyagent.analyzer.event.Direction;
import java.util.ArrayList;
import java.util.List;

/**
 * Timing side channels with known ground truth: every peer gets a status request exactly every
 * 12 s and a ping exactly every 15 s (sub-millisecond jitter: a fixed timer), and three pairs of
 * connections to different peers are active within 1.5 to 4 ms of each other, 25 times each (a
 * message relayed from one peer to the other as soon as it arrives).
 */
final class TimingTraffic implements ScenarioPart {
  static final String STATUS = "/eth2/beacon_chain/req/status/1/ssz_snappy";
  static final long STATUS_PERIOD = 12 * SEC;
  static final long PING_PERIOD = 15 * SEC;
  static final int RELAY_PAIRS = 3;
  static final int RELAYS_PER_PAIR = 25;

  @Override
  public void traffic(SimNetwork net, int peers) {
    int n = Math.max(2 * RELAY_PAIRS, Math.min(30, peers / 2));
    List<SimNetwork.Conn> conns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Clients client = Clients.pick(net.rnd);
      SimNetwork.Peer p = net.newPeer(client.agent(), client.protocols(), net.publicIp());
      long start = net.uniform(0, 10 * SEC);
      SimNetwork.Conn c = net.connect(p, start, Long.MAX_VALUE, i % 2 == 0 ? Direction.OUTBOUND : Direction.INBOUND, "/noise");
      conns.add(c);
      long phase = start + net.uniform(1 * SEC, STATUS_PERIOD);
      for (long t = phase; t < net.durationNanos; t += STATUS_PERIOD) {
        net.stream(c, t + net.uniform(-300_000, 300_000), STATUS);
      }
      long rtt = net.uniform(20 * MS, 60 * MS);
      for (long t = start + net.uniform(1 * SEC, PING_PERIOD); t < net.durationNanos; t += PING_PERIOD) {
        net.ping(c, t, rtt + net.uniform(-200_000, 200_000));
      }
    }
    for (int k = 0; k < RELAY_PAIRS; k++) {
      SimNetwork.Conn from = conns.get(2 * k);
      SimNetwork.Conn to = conns.get(2 * k + 1);
      for (int r = 0; r < RELAYS_PER_PAIR; r++) {
        long t = net.uniform(20 * SEC, net.durationNanos - 5 * SEC);
        if (net.stream(from, t, "/meshsub/1.1.0")) {
          net.stream(to, t + net.uniform(1_500_000, 4 * MS), "/meshsub/1.1.0");
        }
      }
    }
  }
}
