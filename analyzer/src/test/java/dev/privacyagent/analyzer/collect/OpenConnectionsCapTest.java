package dev.privacyagent.analyzer.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.event.Direction;
import org.junit.jupiter.api.Test;

/**
 * A collector full of open connections: nothing closed is left to evict. It must stay within its
 * cap, count the connections it does not keep, and never rescan what it cannot evict (eviction
 * work is counted, not timed: see docs/performance.md for the timings).
 */
class OpenConnectionsCapTest {
  static final long CAP = 256 * 1024;

  /** Opens {@code n} connections that never close, each with a stream and a ping. */
  static void openMany(Ev ev, java.util.function.Consumer<dev.privacyagent.analyzer.event.Event> sink, int n) {
    for (int i = 0; i < n; i++) {
      String conn = "c" + i;
      sink.accept(ev.open(i, conn, "peer-" + i,
          "/ip4/100." + (i % 250) + "." + (i / 250 % 250) + ".1/tcp/4001", Direction.INBOUND));
      sink.accept(ev.stream(i, "s" + i, conn));
      sink.accept(ev.proto(i, "s" + i, "/ipfs/id/1.0.0"));
      sink.accept(ev.streamClosed(i, "s" + i, 10, 10));
      sink.accept(ev.ping(i, conn, "peer-" + i, 1_000_000));
    }
  }

  @Test
  void staysWithinTheCapAndCountsTheConnectionsItCannotKeep() {
    MetadataCollector c = new MetadataCollector(CollectorConfig.defaults().withMemoryCap(CAP));
    int n = 20_000;
    openMany(new Ev(), c::ingest, n);
    Snapshot s = c.snapshot();
    CollectorCounters k = s.counters();
    assertThat(k.accepted()).isEqualTo(5L * n);
    assertThat(k.estimatedBytes()).isLessThanOrEqualTo(CAP);
    assertThat(k.untrackedConnections()).isPositive();
    assertThat(s.connections().size() + k.untrackedConnections()).isEqualTo(n);
    assertThat(k.totalDropped()).isGreaterThanOrEqualTo(k.untrackedConnections());
    // the first connections are kept (nothing of theirs could be evicted), the last are not
    assertThat(s.connections()).containsKey(Ev.NODE + "/c0").doesNotContainKey(Ev.NODE + "/c" + (n - 1));
  }

  @Test
  void evictionWorkPerEventDoesNotGrowWithTheOpenConnections() {
    for (int n : new int[] {5_000, 50_000}) {
      Aggregates a = new Aggregates(CAP, null);
      Ev ev = new Ev();
      openMany(ev, a::fold, n);
      // then churn: short connections of idle peers, which eviction may take
      for (int i = 0; i < 5_000; i++) {
        a.fold(ev.open(n + i, "x" + i, "idle-" + i, "/ip4/9.9." + (i % 250) + ".1/tcp/1", Direction.OUTBOUND));
        a.fold(ev.close(n + i, "x" + i));
      }
      long events = 5L * n + 10_000;
      assertThat(a.bytes).isLessThanOrEqualTo(CAP);
      assertThat(a.evictionVisits).as("eviction visits for %d open connections", n).isLessThanOrEqualTo(2 * events);
    }
  }
}
