package dev.privacyagent.analyzer.collect;

import dev.privacyagent.analyzer.event.*;
import java.util.List;

/** Terse event construction for collector tests: one node, wall time in ms, seq auto-numbered. */
final class Ev {
  static final String NODE = "12D3KooWLocal";
  private long seq;

  ConnectionOpened open(long wall, String conn, String peer, String remoteAddr, Direction d) {
    return new ConnectionOpened(++seq, wall * 1_000_000, wall, NODE, conn, NODE, peer, "/ip4/10.0.0.1/tcp/4001",
        remoteAddr, d, "tcp", "/noise", "/yamux/1.0.0", false);
  }

  ConnectionClosed close(long wall, String conn) {
    return new ConnectionClosed(++seq, wall * 1_000_000, wall, NODE, conn, null);
  }

  StreamOpened stream(long wall, String stream, String conn) {
    return new StreamOpened(++seq, wall * 1_000_000, wall, NODE, stream, conn, Direction.OUTBOUND);
  }

  ProtocolNegotiated proto(long wall, String stream, String protocol) {
    return new ProtocolNegotiated(++seq, wall * 1_000_000, wall, NODE, stream, protocol);
  }

  StreamClosed streamClosed(long wall, String stream, long in, long out) {
    return new StreamClosed(++seq, wall * 1_000_000, wall, NODE, stream, in, out);
  }

  PingRtt ping(long wall, String conn, String peer, long rtt) {
    return new PingRtt(++seq, wall * 1_000_000, wall, NODE, conn, peer, rtt);
  }

  IdentifyReceived identify(long wall, String conn, String peer, String agent, List<String> protocols) {
    return new IdentifyReceived(++seq, wall * 1_000_000, wall, NODE, conn, peer, agent, "ipfs/0.1.0",
        List.of("/ip4/1.2.3.4/tcp/4001"), "/ip4/81.2.69.160/tcp/4001", protocols);
  }

  IdentifySent sent(long wall, String conn, String peer) {
    return new IdentifySent(++seq, wall * 1_000_000, wall, NODE, conn, peer, "teku/v24.1.0", "ipfs/0.1.0",
        List.of("/ip4/81.2.69.160/tcp/4001"), "/ip4/1.2.3.4/tcp/4001", List.of("/ipfs/id/1.0.0"));
  }
}
