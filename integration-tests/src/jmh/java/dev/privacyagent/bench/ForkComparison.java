package dev.privacyagent.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs one set of JMH benchmarks in forks of several sides (the first without the agent, the
 * others with {@code -javaagent} and their own agent options), in turn per round (off, on, off,
 * on, ...) so that drift on a shared machine hits every side, and prints per operation the median
 * (p50) of each side and what each agent side adds to the baseline. The agent's own final summary
 * line of each agent fork (relayed by JMH) is kept and printed too.
 */
final class ForkComparison {
  private static final String BENCHMARK_LINE = "# Benchmark: ";
  private static final String SUMMARY_LINE = "[privacy-agent] summary:";

  /** One side: {@code agentArgs} null for the baseline without the agent. */
  record Side(String name, String agentArgs) {
    boolean withAgent() {
      return agentArgs != null;
    }
  }

  private record Sample(double p50, double p90, double p99, long n) {}

  private final String agentJar;
  private final String include;
  private final List<Side> sides;
  private final Map<String, Integer> opt;
  /** side -> benchmark -> one sample per round. */
  private final Map<Side, Map<String, List<Sample>>> results = new LinkedHashMap<>();
  private final List<String> summaries = new ArrayList<>();

  /**
   * @param include the JMH include regex
   * @param opt rounds, warmup, iterations, seconds
   */
  ForkComparison(String agentJar, String include, List<Side> sides, Map<String, Integer> opt) {
    this.agentJar = agentJar;
    this.include = include;
    this.sides = List.copyOf(sides);
    this.opt = opt;
    if (this.sides.isEmpty() || this.sides.get(0).withAgent()) {
      throw new IllegalArgumentException("the first side is the baseline without the agent");
    }
  }

  ForkComparison run() throws RunnerException {
    PrintStream console = System.out;
    LineTap tap = LineTap.install(BENCHMARK_LINE, SUMMARY_LINE);
    try {
      for (int round = 1; round <= opt.get("rounds"); round++) {
        for (Side side : sides) {
          run(side);
          String current = "?";
          for (String s : tap.drain()) {
            if (s.startsWith(BENCHMARK_LINE)) {
              current = s.substring(s.lastIndexOf('.') + 1);
            } else {
              summaries.add("round " + round + " " + side.name() + " " + current + ": "
                  + s.substring(s.indexOf("summary:")));
            }
          }
        }
      }
    } finally {
      System.setOut(console);
    }
    return this;
  }

  private void run(Side side) throws RunnerException {
    List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
    jvm.add("-D" + AgentPresence.PROPERTY + "=" + (side.withAgent() ? "on" : "off"));
    if (side.withAgent()) {
      jvm.add("-javaagent:" + agentJar + "=" + side.agentArgs());
    }
    Options options =
        new OptionsBuilder()
            .include(include)
            .forks(1)
            .warmupIterations(opt.get("warmup"))
            .warmupTime(TimeValue.seconds(opt.get("seconds")))
            .measurementIterations(opt.get("iterations"))
            .measurementTime(TimeValue.seconds(opt.get("seconds")))
            .jvmArgs(jvm.toArray(new String[0]))
            .shouldFailOnError(true)
            .build();
    Map<String, List<Sample>> into = results.computeIfAbsent(side, k -> new LinkedHashMap<>());
    for (RunResult r : runWhenFree(options)) {
      BenchmarkParams p = r.getParams();
      if (p.getTimeUnit() != TimeUnit.NANOSECONDS) {
        throw new IllegalStateException("expected ns, got " + p.getTimeUnit());
      }
      Statistics st = r.getPrimaryResult().getStatistics();
      String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
      into.computeIfAbsent(name, k -> new ArrayList<>())
          .add(new Sample(st.getPercentile(50), st.getPercentile(90), st.getPercentile(99), st.getN()));
    }
  }

  /**
   * Another JMH run on the machine holds JMH's lock file; rather than measure both at once (or
   * give up), wait for it, up to 30 minutes.
   */
  private static Collection<RunResult> runWhenFree(Options options) throws RunnerException {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
    while (true) {
      try {
        return new Runner(options).run();
      } catch (RunnerException e) {
        if (!String.valueOf(e.getMessage()).contains("JMH lock") || System.nanoTime() > end) {
          throw e;
        }
        System.err.println("another JMH run holds the lock; waiting 15 s");
        try {
          Thread.sleep(15_000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * Per operation and round: p50 of every side, and p50 of each agent side minus the baseline's
   * of the same round; then the medians over the rounds.
   *
   * @return per agent side and operation, the median over rounds of the added p50 (ns)
   */
  Map<String, Map<String, Double>> print(PrintStream out, String title) {
    out.println();
    out.printf(Locale.ROOT, "%s (JMH SampleTime, ns/op; %d rounds, sides alternating: %s; %d x %d s warm-up,"
            + " %d x %d s measured per fork)%n", title, opt.get("rounds"),
        String.join(", ", sides.stream().map(Side::name).toList()), opt.get("warmup"), opt.get("seconds"),
        opt.get("iterations"), opt.get("seconds"));
    Side base = sides.get(0);
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-18s %5s %10s", "operation", "round",
        "p50 " + base.name()));
    for (Side s : sides.subList(1, sides.size())) {
      head.append(String.format(Locale.ROOT, " %12s %12s", "p50 " + s.name(), "added " + s.name()));
    }
    head.append("   p99 per side");
    out.println(head);
    Map<String, Map<String, Double>> added = new LinkedHashMap<>();
    for (String name : results.getOrDefault(base, Map.of()).keySet()) {
      List<Sample> a = results.get(base).get(name);
      Map<Side, List<Double>> deltas = new LinkedHashMap<>();
      for (int i = 0; i < a.size(); i++) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-18s %5d %10.0f", name, i + 1,
            a.get(i).p50()));
        StringBuilder p99 = new StringBuilder(String.format(Locale.ROOT, "%.0f", a.get(i).p99()));
        for (Side s : sides.subList(1, sides.size())) {
          List<Sample> b = results.getOrDefault(s, Map.of()).getOrDefault(name, List.of());
          if (i < b.size()) {
            double d = b.get(i).p50() - a.get(i).p50();
            deltas.computeIfAbsent(s, k -> new ArrayList<>()).add(d);
            row.append(String.format(Locale.ROOT, " %12.0f %12.0f", b.get(i).p50(), d));
            p99.append('/').append(String.format(Locale.ROOT, "%.0f", b.get(i).p99()));
          }
        }
        out.println(row + "   " + p99);
      }
      StringBuilder all = new StringBuilder(String.format(Locale.ROOT, "%-18s %5s %10.0f", name, "all",
          Args.median(a.stream().map(Sample::p50).toList())));
      for (Side s : sides.subList(1, sides.size())) {
        List<Sample> b = results.getOrDefault(s, Map.of()).getOrDefault(name, List.of());
        double d = Args.median(deltas.getOrDefault(s, List.of()));
        added.computeIfAbsent(s.name(), k -> new LinkedHashMap<>()).put(name, d);
        all.append(String.format(Locale.ROOT, " %12.0f %12.0f", Args.median(b.stream().map(Sample::p50).toList()), d));
      }
      out.println(all + "   (median over rounds)");
    }
    out.println("Agent's own final summary of each agent fork:");
    summaries.forEach(s -> out.println("  " + s));
    return added;
  }
}
