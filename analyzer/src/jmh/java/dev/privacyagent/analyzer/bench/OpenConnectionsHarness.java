package dev.privacyagent.analyzer.bench;

import dev.privacyagent.analyzer.collect.CollectorConfig;
import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.PingRtt;
import dev.privacyagent.analyzer.event.StreamClosed;
import dev.privacyagent.analyzer.event.StreamOpened;
import dev.privacyagent.analyzer.event.ConnectionClosed;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A collector full of open connections: {@code N} connections open and never close, then 500,000
 * steady events (streams opened and closed on random open connections, pings, short connections
 * that come and go). Prints the ingestion cost per event of the open phase and of the steady
 * phase, and the snapshot + analysis time, for a baseline of 1,000 open connections and for each
 * {@code N} given, measured in the same run, with the ratio of each steady-phase cost to the
 * baseline's: a ratio near 1 means the cost does not grow with the open connections.
 *
 * <pre>java -Xmx6g -cp analyzer-...-benchmarks.jar dev.privacyagent.analyzer.bench.OpenConnectionsHarness CAP N...</pre>
 * CAP is the collector's memory cap in MiB (64 is the default).
 */
public final class OpenConnectionsHarness {
  private static final String NODE = "12D3KooWLocalBenchNode";
  private static final int STEADY = 500_000;

  public static void main(String[] args) {
    long cap = Long.parseLong(args[0]) << 20;
    System.out.printf(Locale.ROOT, "cap %d MiB, steady phase %,d events%n", cap >> 20, STEADY);
    System.out.printf(Locale.ROOT, "%12s %14s %14s %10s %12s %12s %12s %10s%n", "open", "open ns/ev",
        "steady ns/ev", "ratio", "snap+anal ms", "tracked", "untracked", "est MiB");
    run(1_000, cap, true); // warm-up of the JIT, not printed
    double base = run(1_000, cap, false);
    for (int i = 1; i < args.length; i++) {
      int n = Integer.parseInt(args[i].replace("_", ""));
      double steady = run(n, cap, false);
      System.out.printf(Locale.ROOT, "%12s %14s %14s %10.2f%n", "", "", "", steady / base);
    }
  }

  /** One measured run; returns the steady-phase ns per event. */
  private static double run(int open, long cap, boolean quiet) {
    MetadataCollector c = new MetadataCollector(CollectorConfig.defaults().withMemoryCap(cap));
    long seq = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < open; i++) {
      c.ingest(opened(++seq, i, "c" + i, "p" + i));
    }
    long t1 = System.nanoTime();
    SplittableRandom rnd = new SplittableRandom(7);
    int events = 0;
    int k = 0;
    while (events < STEADY) {
      int conn = rnd.nextInt(open);
      String s = "s" + k;
      c.ingest(new StreamOpened(++seq, seq, 1_700_000_000_000L + seq / 100, NODE, s, "c" + conn, Direction.OUTBOUND));
      c.ingest(new StreamClosed(++seq, seq, 1_700_000_000_000L + seq / 100, NODE, s, 100L, 200L));
      c.ingest(new PingRtt(++seq, seq, 1_700_000_000_000L + seq / 100, NODE, "c" + conn, "p" + conn, 1_000_000));
      String shortConn = "x" + k;
      c.ingest(opened(++seq, open + k, shortConn, "q" + k));
      c.ingest(new ConnectionClosed(++seq, seq, 1_700_000_000_000L + seq / 100, NODE, shortConn, null));
      events += 5;
      k++;
    }
    long t2 = System.nanoTime();
    Snapshot snap = c.snapshot();
    new PrivacyAnalyzer().analyze(snap);
    long t3 = System.nanoTime();
    CollectorCounters counters = snap.counters();
    double openNs = open == 0 ? 0 : (t1 - t0) / (double) open;
    double steadyNs = (t2 - t1) / (double) events;
    if (!quiet) {
      System.out.printf(Locale.ROOT, "%,12d %14.0f %14.0f %10s %12.0f %,12d %,12d %10.1f%n", open, openNs,
          steadyNs, "", (t3 - t2) / 1e6, snap.connections().size(), counters.untrackedConnections(),
          counters.estimatedBytes() / 1048576.0);
    }
    return steadyNs;
  }

  private static Event opened(long seq, int i, String conn, String peer) {
    String addr = "/ip4/" + (1 + (i >>> 16 & 0x7f)) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff) + ".7/tcp/4001";
    return new ConnectionOpened(seq, seq, 1_700_000_000_000L + seq / 100, NODE, conn, NODE, peer,
        "/ip4/10.0.0.1/tcp/4001", addr, Direction.INBOUND, "tcp", "/noise", "/yamux/1.0.0", false);
  }
}
