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
 * drops and counts; the drop share is printed). {@code offerUntilAccepted}: producers retry
 * (yielding the CPU) until accepted, so the score is what the collector actually folds per
 * second. The events cycle
 * through 8,192 steady-state events of the {@code all} scenario (stream open, negotiate, close;
 * pings) after its first 50,000 events set up the connections; a small set keeps the events in
 * cache as freshly created events are in a running agent.
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
  private static final int SIZE = 1 << 13;
  private static final int WARM_PREFIX = 50_000;

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
    collector = new MetadataCollector();
    // the connections the cycled events refer to exist before measuring, as in a running node
    all.subList(0, WARM_PREFIX).forEach(collector::ingest);
    events = all.subList(WARM_PREFIX, WARM_PREFIX + SIZE).toArray(new Event[0]);
    collector.start();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    collector.close();
    CollectorCounters c = collector.snapshot().counters();
    long folded = c.accepted() - WARM_PREFIX;
    long offered = folded + c.droppedQueueFull();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    // in offerUntilAccepted a refused offer is retried, so "refused" there is not a loss
    System.out.printf("%n[collector] offers=%,d accepted+folded=%,d refused (queue full)=%,d (%.2f%%) estimatedState=%,d bytes cap=%,d bytes (%.1f%% of cap) heapAfterGc=%,d bytes%n",
        offered, folded, c.droppedQueueFull(), offered == 0 ? 0.0 : 100.0 * c.droppedQueueFull() / offered,
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
      Thread.yield(); // back off: on 2 cores a spinning producer starves the drain thread
    }
  }
}
