package dev.privacyagent.analyzer.bench;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.Detector;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The analysis of {@link AnalysisBenchmark} timed in CPU time of the running thread as well as
 * wall time, per phase and per detector. On a shared machine wall time mostly measures how much
 * of a core the thread got; CPU time measures the work. Run with
 * {@code java -cp analyzer-...-benchmarks.jar dev.privacyagent.analyzer.bench.CpuTimeHarness [runs]}.
 */
public final class CpuTimeHarness {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuTimeHarness() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    List<Event> events = SyntheticLoad.events(AnalysisBenchmark.PEERS, 7);
    PrivacyAnalyzer analyzer = new PrivacyAnalyzer();
    System.out.printf("%,d events over %,d peers; %d runs, the first %d are warm-up%n",
        events.size(), AnalysisBenchmark.PEERS, runs, runs / 2);
    for (int run = 0; run < runs; run++) {
      long c0 = cpu();
      long w0 = System.nanoTime();
      MetadataCollector collector = new MetadataCollector();
      for (Event e : events) {
        collector.ingest(e);
      }
      long c1 = cpu();
      Snapshot s = collector.snapshot();
      long c2 = cpu();
      long w2 = System.nanoTime();
      StringBuilder perDetector = new StringBuilder();
      for (Detector d : analyzer.detectors()) {
        long x = cpu();
        d.detect(s);
        perDetector.append(' ').append(d.getClass().getSimpleName().replace("Detector", ""))
            .append('=').append(ms(cpu() - x));
      }
      long c3 = cpu();
      long w3 = System.nanoTime();
      analyzer.analyze(s);
      long c4 = cpu();
      long w4 = System.nanoTime();
      System.out.printf("%s cpu: ingest %s ms (%.0f ns/event), snapshot %s ms, analyze %s ms; total (ingest+snapshot+analyze) %s ms cpu, %s ms wall; detectors:%s%n",
          run < runs / 2 ? "warm-up " : "measured", ms(c1 - c0), (c1 - c0) / (double) events.size(), ms(c2 - c1),
          ms(c4 - c3), ms((c2 - c0) + (c4 - c3)), ms((w2 - w0) + (w4 - w3)), perDetector);
    }
  }

  private static long cpu() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static String ms(long nanos) {
    return Long.toString(nanos / 1_000_000);
  }
}
