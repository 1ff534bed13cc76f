package dev.privacyagent.server;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.HostCreated;
import dev.privacyagent.analyzer.event.StreamOpened;

/**
 * Two local nodes in one collector: "alpha" with many peers over Noise (one of them "beta"),
 * "beta" with a few plaintext peers in one /24.
 */
final class TwoNodes {
  static final String A = "12D3KooWAlphaAlphaAlphaAlphaAlphaAlphaAlphaAlphaAlpha1";
  static final String B = "12D3KooWBetaBetaBetaBetaBetaBetaBetaBetaBetaBetaBeta2";
  private final MetadataCollector collector;
  private final long base = System.currentTimeMillis() - 60_000;
  private long seq;

  TwoNodes(MetadataCollector collector) {
    this.collector = collector;
    collector.ingest(new HostCreated(seq++, 0, base, A, A, "alpha"));
    collector.ingest(new HostCreated(seq++, 0, base, B, B, "beta"));
    for (int i = 0; i < 12; i++) {
      conn(A, "a" + i, "12D3KooWpeerA" + i, "/ip4/81." + (10 + i) + ".3.4/tcp/4001", "/noise");
    }
    conn(A, "ab", B, "/ip4/127.0.0.1/tcp/4002", "/noise");
    for (int i = 0; i < 3; i++) {
      betaPeer(i);
    }
  }

  /** One more plaintext peer of beta's, in the same /24. */
  void betaPeer(int i) {
    conn(B, "b" + i, "12D3KooWpeerB" + i, "/ip4/93.4.5." + (i + 1) + "/tcp/4001", "/plaintext/2.0.0");
  }

  private void conn(String node, String conn, String peer, String addr, String security) {
    long wall = base + seq * 10;
    collector.ingest(new ConnectionOpened(seq++, wall * 1_000_000, wall, node, conn, node, peer,
        "/ip4/10.0.0.1/tcp/4001", addr, Direction.OUTBOUND, "tcp", security, "/yamux/1.0.0", false));
    for (int s = 0; s < 3; s++) {
      collector.ingest(new StreamOpened(seq++, (wall + s) * 1_000_000, wall + s, node, conn + "/s" + s, conn,
          Direction.OUTBOUND));
    }
  }
}
