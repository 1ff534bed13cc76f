package dev.privacyagent.analyzer.simulate;

import static dev.privacyagent.analyzer.simulate.SimNetwork.SEC;

import dev.privacyagent.analyzer.event.Direction;

/**
 * A node with a tiny anonymity set: three peers, all in one /24, one of which carries four times
 * as many streams as everything else the node does put together (at least 120).
 */
final class AnonymityTraffic implements ScenarioPart {
  static final String PREFIX = "185.199.108.";

  @Override
  public void traffic(SimNetwork net, int peers) {
    long others = net.streams();
    SimNetwork.Conn[] conns = new SimNetwork.Conn[3];
    for (int i = 0; i < 3; i++) {
      SimNetwork.Peer p = net.newPeer(Clients.PRYSM.agent(), Clients.PRYSM.protocols(), PREFIX + (10 + i));
      conns[i] = net.connect(p, net.uniform(0, 5 * SEC), Long.MAX_VALUE, Direction.OUTBOUND, "/noise");
    }
    long dominant = Math.max(120, 4 * (others + net.streams()));
    emit(net, conns[0], dominant);
    emit(net, conns[1], 6);
    emit(net, conns[2], 6);
  }

  private static void emit(SimNetwork net, SimNetwork.Conn c, long count) {
    long span = net.durationNanos - c.openedAt - 2 * SEC;
    for (long i = 0; i < count; i++) {
      net.stream(c, c.openedAt + SEC + net.uniform(0, span), "/eth2/beacon_chain/req/beacon_blocks_by_range/2/ssz_snappy");
    }
  }
}
