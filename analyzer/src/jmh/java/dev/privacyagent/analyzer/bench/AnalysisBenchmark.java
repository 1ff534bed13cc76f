package dev.privacyagent.analyzer.bench;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.report.Report;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Full offline analysis of 1,000,000 events over 10,000 peers (see {@link SyntheticLoad}):
 * {@code ingestSnapshotAnalyze} folds every event into a fresh collector, takes the snapshot and
 * runs all detectors; {@code snapshotAnalyze} starts from a collector that already holds them.
 * One operation per iteration (single shot).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class AnalysisBenchmark {
  static final int PEERS = 10_000;

  private List<Event> events;
  private MetadataCollector filled;
  private PrivacyAnalyzer analyzer;

  @Setup(Level.Trial)
  public void setUp() {
    events = SyntheticLoad.events(PEERS, 7);
    if (events.size() != 1_000_000) {
      throw new IllegalStateException("expected 1,000,000 events, got " + events.size());
    }
    filled = new MetadataCollector();
    events.forEach(filled::ingest);
    analyzer = new PrivacyAnalyzer();
    Report r = analyzer.analyze(filled.snapshot());
    System.out.printf("%n[analysis] %,d events, %,d peers, %,d findings, risk %.3f, dropped %d%n",
        r.counters().accepted(), r.totals().peers(), r.findings().size(), r.riskScore(), r.droppedTotal());
  }

  @Benchmark
  public Report ingestSnapshotAnalyze() {
    MetadataCollector c = new MetadataCollector();
    for (Event e : events) {
      c.ingest(e);
    }
    return analyzer.analyze(c.snapshot());
  }

  @Benchmark
  public Report snapshotAnalyze() {
    return analyzer.analyze(filled.snapshot());
  }
}
