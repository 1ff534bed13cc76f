package dev.privacyagent.analyzer.bench;

import dev.privacyagent.analyzer.codec.EventReader;
import dev.privacyagent.analyzer.codec.EventWriter;
import dev.privacyagent.analyzer.codec.ParallelEventReader;
import dev.privacyagent.analyzer.codec.ParsePool;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.simulate.Scenario;
import dev.privacyagent.analyzer.simulate.TrafficSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reading JSON Lines into the collector, as {@code analyze} does, against the ceiling of a plain
 * read of the same bytes, measured in the same run and alternating: {@code plain} (read the file,
 * discard the bytes), {@code sequential} (today's {@link EventReader} on one thread) and
 * {@code parallel} ({@link ParallelEventReader} on a {@link ParsePool} of one parser per core);
 * both of the latter fold every event into a {@link MetadataCollector}. Run with
 * {@code java -cp analyzer-...-benchmarks.jar dev.privacyagent.analyzer.bench.ReadThroughputHarness
 * [FILE] [rounds=5]}; without FILE the events of {@code simulate --scenario all --peers 1500} are
 * written to a temporary file first.
 */
public final class ReadThroughputHarness {
  private ReadThroughputHarness() {}

  public static void main(String[] args) throws Exception {
    Path file = null;
    int rounds = 5;
    for (String a : args) {
      if (a.startsWith("rounds=")) {
        rounds = Integer.parseInt(a.substring(7));
      } else {
        file = Path.of(a);
      }
    }
    if (file == null) {
      file = Files.createTempFile("pa-read-", ".jsonl");
      file.toFile().deleteOnExit();
      try (OutputStream os = Files.newOutputStream(file); EventWriter w = new EventWriter(os)) {
        for (Event e : new TrafficSimulator(1, 1500).generate(Scenario.parse("all"))) {
          w.write(e);
        }
      }
    }
    long size = Files.size(file);
    System.out.printf(Locale.ROOT, "%s: %,d bytes; %d cpus; load average %s; %d rounds (the first is warm-up)%n",
        file, size, Runtime.getRuntime().availableProcessors(), load(), rounds);
    List<Double> plain = new ArrayList<>();
    List<Double> sequential = new ArrayList<>();
    List<Double> parallel = new ArrayList<>();
    List<Double> seqCpu = new ArrayList<>();
    List<Double> parCpu = new ArrayList<>();
    try (ParsePool pool = ParsePool.perCore()) {
      for (int r = 0; r <= rounds; r++) {
        double p = rate(size, plainRead(file));
        long c0 = cpu();
        double s = rate(size, sequentialRead(file));
        long c1 = cpu();
        double q = rate(size, parallelRead(file, pool));
        long c2 = cpu();
        double u = rate(size, parallelRead(file, pool, false));
        double sc = size / 1e6 / ((c1 - c0) / 1e9);
        double pc = size / 1e6 / ((c2 - c1) / 1e9);
        System.out.printf(Locale.ROOT, "%s %d: plain %.1f MB/s, sequential %.1f MB/s, parallel %.1f MB/s"
                + " (parallel / plain %.3f, parallel / sequential %.2f); MB per CPU-second of the process:"
                + " sequential %.1f, parallel %.1f; parallel parse without the collector %.1f MB/s; load %s%n",
            r == 0 ? "warm-up" : "round", r, p, s, q, q / p, q / s, sc, pc, u, load());
        if (r > 0) {
          plain.add(p);
          sequential.add(s);
          parallel.add(q);
          seqCpu.add(sc);
          parCpu.add(pc);
        }
      }
    }
    System.out.printf(Locale.ROOT, "READ median: plain %.1f MB/s (ceiling), sequential %.1f MB/s, parallel %.1f MB/s"
            + " (target >= 150: %s); per CPU-second: sequential %.1f MB, parallel %.1f MB; load average at the end %s%n",
        median(plain), median(sequential), median(parallel), median(parallel) >= 150 ? "met" : "MISSED",
        median(seqCpu), median(parCpu), load());
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double rate(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  private static long plainRead(Path file) throws IOException {
    long t0 = System.nanoTime();
    byte[] buf = new byte[1 << 20];
    long sum = 0;
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        sum += buf[n - 1]; // touch the bytes
      }
    }
    if (sum == 42) {
      System.out.print("");
    }
    return System.nanoTime() - t0;
  }

  private static long sequentialRead(Path file) throws IOException {
    long t0 = System.nanoTime();
    MetadataCollector c = new MetadataCollector();
    long n;
    try (EventReader r = EventReader.open(file, false)) {
      n = r.copyTo(c::ingest);
    }
    long t = System.nanoTime() - t0;
    check(n, c);
    return t;
  }

  private static long parallelRead(Path file, ParsePool pool) throws IOException {
    return parallelRead(file, pool, true);
  }

  static long parallelRead(Path file, ParsePool pool, boolean fold) throws IOException {
    long t0 = System.nanoTime();
    MetadataCollector c = new MetadataCollector();
    long n = 0;
    try (ParallelEventReader r = new ParallelEventReader(Files.newInputStream(file), file.toString(), false, pool, true)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        if (fold || n == 0) {
          c.ingestDecoded(e); // as analyze does
        }
        n++;
      }
    }
    long t = System.nanoTime() - t0;
    check(n, c);
    return t;
  }

  private static void check(long events, MetadataCollector c) {
    if (events == 0 || c.snapshot().counters() == null) {
      throw new IllegalStateException("nothing read");
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+", 4)[0];
    } catch (IOException e) {
      return "n/a";
    }
  }
}
