package dev.privacyagent.server.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.collect.NodeSnapshots;
import dev.privacyagent.analyzer.collect.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live source analyses in the background and never makes a request wait after the first. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LiveReportSourceTest {
  final AtomicLong accepted = new AtomicLong(1);
  final AtomicInteger analyses = new AtomicInteger();

  NodeSnapshots snapshot() {
    return NodeSnapshots.single(rawSnapshot());
  }

  Snapshot rawSnapshot() {
    return new Snapshot(System.currentTimeMillis(), 0, 0, List.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), Map.of(), List.of(), new CollectorCounters(accepted.get(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0,
        List.of(), Map.of());
  }

  ReportView analyse(NodeSnapshots ns) {
    Snapshot s = ns.all();
    analyses.incrementAndGet();
    return new ReportView(0, s.takenWallMillis(), 0.1, List.of(), Map.of(), List.of(), s, null);
  }

  @Test
  void unchangedCollectorMeansNoNewAnalysis() throws Exception {
    LiveReportSource src = new LiveReportSource(this::snapshot, this::analyse,
        j -> new ProofCheck(false, "x"), 0);
    ReportView first = src.current();
    assertThat(first.version()).isEqualTo(1);
    for (int i = 0; i < 20; i++) {
      assertThat(src.current().version()).isEqualTo(1);
      Thread.sleep(5);
    }
    assertThat(analyses.get()).isEqualTo(1);
    accepted.incrementAndGet();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (src.current().version() == 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(src.current().version()).isEqualTo(2);
    assertThat(analyses.get()).isEqualTo(2);
  }

  @Test
  void requestsGetTheLastViewWhileAnAnalysisRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    LiveReportSource src = new LiveReportSource(this::snapshot, s -> {
      if (analyses.get() > 0) {
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return analyse(s);
    }, j -> new ProofCheck(false, "x"), 0);
    assertThat(src.current().version()).isEqualTo(1);
    accepted.incrementAndGet();
    src.current(); // starts the slow background analysis
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    // While it is blocked, requests still answer with version 1 instead of waiting.
    ReportView during = CompletableFuture.supplyAsync(src::current).get(5, TimeUnit.SECONDS);
    assertThat(during.version()).isEqualTo(1);
    release.countDown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (src.current().version() == 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(src.current().version()).isEqualTo(2);
  }
}
