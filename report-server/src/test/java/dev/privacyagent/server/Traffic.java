package dev.privacyagent.server;

import dev.privacyagent.analyzer.event.ConnectionClosed;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.IdentifyReceived;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.analyzer.event.ProtocolNegotiated;
import dev.privacyagent.analyzer.event.StreamOpened;
import java.util.ArrayList;
import java.util.List;

/** Synthetic event streams for tests that run the real collector and analyzer. */
final class Traffic {
  static final String LOCAL = Fixtures.LOCAL;
  private final List<Event> events = new ArrayList<>();
  private long seq;
  private final long baseWall;

  Traffic(long baseWall) {
    this.baseWall = baseWall;
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  /** One peer connection with identify and a few streams; {@code security} may be plaintext. */
  Traffic peer(int i, String agent, String security, boolean close) {
    String conn = "c" + i;
    String peer = "12D3KooWPeer" + i;
    long t = baseWall + i * 1_000L;
    add(new ConnectionOpened(++seq, t * 1_000_000, t, LOCAL, conn, LOCAL, peer,
        "/ip4/127.0.0.1/tcp/4001", "/ip4/198.51." + (i % 3) + "." + (10 + i) + "/tcp/4001",
        i % 2 == 0 ? Direction.OUTBOUND : Direction.INBOUND, "tcp", security, "/yamux/1.0.0",
        false));
    add(new IdentifyReceived(++seq, (t + 5) * 1_000_000, t + 5, LOCAL, conn, peer, agent,
        "ipfs/0.1.0", List.of("/ip4/192.168.0." + i + "/tcp/4001"), "/ip4/203.0.113.5/tcp/4001",
        List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", "/meshsub/1.1.0")));
    for (int s = 0; s < 3; s++) {
      String stream = conn + "-s" + s;
      long ts = t + 10 + s * 100;
      add(new StreamOpened(++seq, ts * 1_000_000, ts, LOCAL, stream, conn, Direction.OUTBOUND));
      add(new ProtocolNegotiated(++seq, ts * 1_000_000 + 1, ts, LOCAL, stream,
          s == 0 ? "/ipfs/ping/1.0.0" : "/meshsub/1.1.0"));
    }
    if (close) {
      long tc = t + 900;
      add(new ConnectionClosed(++seq, tc * 1_000_000, tc, LOCAL, conn, "done"));
    }
    return this;
  }

  Traffic disclose() {
    add(new IdentifySent(++seq, baseWall * 1_000_000, baseWall, LOCAL, "c0", "12D3KooWPeer0",
        "jvm-libp2p/1.2.0/host.example", "ipfs/0.1.0",
        List.of("/ip4/127.0.0.1/tcp/4001", "/ip4/192.168.1.5/tcp/4001"),
        "/ip4/198.51.0.10/tcp/4001", List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0")));
    return this;
  }

  private void add(Event e) {
    events.add(e);
  }
}
