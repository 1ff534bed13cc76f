package dev.privacyagent.analyzer.bench;

import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.simulate.Scenario;
import dev.privacyagent.analyzer.simulate.TrafficSimulator;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Collector ingestion from two producer threads while the drain thread folds (default 64 MiB
 * cap). {@code offer}: the producers' view, one non-blocking offer per operation (a full queue
 * drops and counts; the drop share is printed). {@code offerUntilAccepted}: producers retry until
 * accepted, so the score is what the collector actually folds per second. The events cycle
 * through 131,072 events of the {@code all} scenario (connections, streams, identify, pings).
 * After each trial the counters and the estimated state size against the cap are printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Threads(2)
public class CollectorIngestBenchmark {
  private static final int SIZE = 1 << 17;

  private Event[] events;
  private MetadataCollector collector;

  @State(Scope.Thread)
  public static class Cursor {
    int next;

    @Setup(Level.Trial)
    public void start() {
      next = (int) (Thread.currentThread().getId() * 7919) & (SIZE - 1);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    List<Event> all = new TrafficSimulator(1, 50).generate(Scenario.ALL);
    events = all.subList(0, SIZE).toArray(new Event[0]);
    collector = new MetadataCollector().start();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    collector.close();
    CollectorCounters c = collector.snapshot().counters();
    long offered = c.accepted() + c.droppedQueueFull();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf("%n[collector] offered=%,d accepted=%,d droppedQueueFull=%,d (%.2f%%) estimatedState=%,d bytes cap=%,d bytes (%.1f%% of cap) heapAfterGc=%,d bytes%n",
        offered, c.accepted(), c.droppedQueueFull(), offered == 0 ? 0.0 : 100.0 * c.droppedQueueFull() / offered,
        c.estimatedBytes(), c.memoryCapBytes(), 100.0 * c.estimatedBytes() / c.memoryCapBytes(), heap);
  }

  @Benchmark
  public boolean offer(Cursor cursor) {
    Event e = events[cursor.next++ & (SIZE - 1)];
    return collector.offer(e);
  }

  @Benchmark
  public void offerUntilAccepted(Cursor cursor) {
    Event e = events[cursor.next++ & (SIZE - 1)];
    while (!collector.offer(e)) {
      Thread.onSpinWait();
    }
  }
}
