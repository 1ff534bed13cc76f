package dev.privacyagent.analyzer.bench;

import dev.privacyagent.analyzer.event.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A large deterministic event load for the analysis benchmark: exactly 100 events per peer, in
 * time order. Per peer: a connection with identify both ways, 32 request streams (open,
 * negotiate, close) spread over the run in random peer order, and one ping.
 */
final class SyntheticLoad {
  private static final String[] PROTOCOLS = {
    "/meshsub/1.1.0", "/eth2/beacon_chain/req/status/1/ssz_snappy",
    "/eth2/beacon_chain/req/beacon_blocks_by_range/2/ssz_snappy", "/ipfs/kad/1.0.0"
  };
  private static final String[] AGENTS = {
    "lighthouse/v5.1.3", "Prysm/v5.0.3", "teku/v24.4.0", "nimbus", "lodestar/v1.18.0"
  };

  private SyntheticLoad() {}

  static List<Event> events(int peers, long seed) {
    Random rnd = new Random(seed);
    String node = "12D3KooWBenchNode";
    List<Event> out = new ArrayList<>(peers * 100);
    long[] clock = {1_000_000_000L};
    long wallBase = 1_767_225_600_000L - clock[0] / 1_000_000;
    String[] peerIds = new String[peers];
    for (int p = 0; p < peers; p++) {
      peerIds[p] = "12D3KooWPeer" + p;
      String conn = "c" + p;
      String ip = (1 + rnd.nextInt(220)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
      String agent = AGENTS[rnd.nextInt(AGENTS.length)];
      long t = clock[0] += 1_000_000;
      long w = wallBase + t / 1_000_000;
      out.add(new ConnectionOpened(out.size() + 1, t, w, node, conn, node, peerIds[p], "/ip4/81.2.69.160/tcp/9000",
          "/ip4/" + ip + "/tcp/9000", p % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND, "tcp", "/noise",
          "/yamux/1.0.0", false));
      out.add(new IdentifyReceived(out.size() + 1, t + 1000, w, node, conn, peerIds[p], agent, "ipfs/0.1.0",
          List.of("/ip4/" + ip + "/tcp/9000"), "/ip4/81.2.69.160/tcp/9000", List.of(PROTOCOLS)));
      out.add(new IdentifySent(out.size() + 1, t + 2000, w, node, conn, peerIds[p], AGENTS[0], "ipfs/0.1.0",
          List.of("/ip4/81.2.69.160/tcp/9000"), "/ip4/" + ip + "/tcp/9000", List.of(PROTOCOLS)));
    }
    int[] order = new int[peers];
    for (int i = 0; i < peers; i++) {
      order[i] = i;
    }
    long stream = 0;
    for (int round = 0; round < 32; round++) {
      for (int i = peers - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      for (int p : order) {
        String sid = "s" + (++stream);
        long t = clock[0] += 100_000 + rnd.nextInt(400_000);
        long w = wallBase + t / 1_000_000;
        out.add(new StreamOpened(out.size() + 1, t, w, node, sid, "c" + p, Direction.OUTBOUND));
        out.add(new ProtocolNegotiated(out.size() + 1, t + 300_000, w, node, sid, PROTOCOLS[rnd.nextInt(PROTOCOLS.length)]));
        out.add(new StreamClosed(out.size() + 1, t + 900_000, w + 1, node, sid, 1000L, 200L));
      }
      if (round == 16) {
        for (int p : order) {
          long t = clock[0] += 50_000;
          out.add(new PingRtt(out.size() + 1, t, wallBase + t / 1_000_000, node, "c" + p, peerIds[p], 20_000_000L + rnd.nextInt(9_000_000)));
        }
      }
    }
    return out;
  }
}
