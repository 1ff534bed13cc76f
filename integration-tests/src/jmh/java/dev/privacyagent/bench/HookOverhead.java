package dev.privacyagent.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Runs {@link HookBenchmarks} without and with {@code -javaagent:privacy-agent.jar}, alternating
 * (off, on, off, on, ...) so that drift on a shared machine hits both sides, and prints per
 * operation the median (p50), p90 and p99 of each side and the median added by the agent.
 *
 * <pre>
 * java -cp integration-tests-...-benchmarks.jar dev.privacyagent.bench.HookOverhead AGENT_JAR
 *     [rounds=2] [warmup=3] [iterations=5] [seconds=1]
 * </pre>
 */
public final class HookOverhead {
  /** The agent as an operator would run it, minus the server and the periodic/exit output. */
  static final String AGENT_ARGS = "port=-1,summaryInterval=0,report=false";
  private static final String BENCHMARK_LINE = "# Benchmark: ";
  private static final String SUMMARY_LINE = "[privacy-agent] summary:";

  private record Sample(double p50, double p90, double p99, long n) {}

  private HookOverhead() {}

  public static void main(String[] args) throws RunnerException {
    if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
      System.err.println("usage: HookOverhead AGENT_JAR [rounds=2] [warmup=3] [iterations=5] [seconds=1]");
      System.exit(2);
    }
    Path agent = Path.of(args[0]).toAbsolutePath();
    Map<String, Integer> opt = Args.ints(args, 1, Map.of("rounds", 2, "warmup", 3, "iterations", 5, "seconds", 1));
    PrintStream console = System.out;
    LineTap tap = LineTap.install(BENCHMARK_LINE, SUMMARY_LINE);
    Map<String, List<Sample>> off = new LinkedHashMap<>();
    Map<String, List<Sample>> on = new LinkedHashMap<>();
    List<String> summaries = new ArrayList<>();
    for (int round = 1; round <= opt.get("rounds"); round++) {
      run(false, agent, opt, off);
      run(true, agent, opt, on);
      String current = "?";
      for (String s : tap.drain()) {
        if (s.startsWith(BENCHMARK_LINE)) {
          current = s.substring(s.lastIndexOf('.') + 1);
        } else {
          summaries.add("round " + round + " " + current + ": " + s.substring(s.indexOf("summary:")));
        }
      }
    }
    System.setOut(console);
    print(console, off, on, summaries, opt);
  }

  private static void run(boolean withAgent, Path agent, Map<String, Integer> o, Map<String, List<Sample>> into)
      throws RunnerException {
    List<String> jvm = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
    jvm.add("-D" + AgentPresence.PROPERTY + "=" + (withAgent ? "on" : "off"));
    if (withAgent) {
      jvm.add("-javaagent:" + agent + "=" + AGENT_ARGS);
    }
    Options options =
        new OptionsBuilder()
            .include(HookBenchmarks.class.getName() + "\\.")
            .forks(1)
            .warmupIterations(o.get("warmup"))
            .warmupTime(TimeValue.seconds(o.get("seconds")))
            .measurementIterations(o.get("iterations"))
            .measurementTime(TimeValue.seconds(o.get("seconds")))
            .jvmArgs(jvm.toArray(new String[0]))
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = runWhenFree(options);
    for (RunResult r : results) {
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

  private static void print(
      PrintStream out,
      Map<String, List<Sample>> off,
      Map<String, List<Sample>> on,
      List<String> summaries,
      Map<String, Integer> o) {
    out.println();
    out.printf(Locale.ROOT, "Agent hook overhead (JMH SampleTime, ns/op; %d rounds off/on alternating, "
        + "%d x %d s warm-up, %d x %d s measured per fork)%n", o.get("rounds"), o.get("warmup"),
        o.get("seconds"), o.get("iterations"), o.get("seconds"));
    out.printf(Locale.ROOT, "%-18s %5s %10s %10s %10s %12s%n", "operation", "round", "p50 off", "p50 on",
        "added p50", "p99 off/on");
    for (String name : off.keySet()) {
      List<Sample> a = off.get(name);
      List<Sample> b = on.getOrDefault(name, List.of());
      List<Double> added = new ArrayList<>();
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        Sample x = a.get(i);
        Sample y = b.get(i);
        added.add(y.p50() - x.p50());
        out.printf(Locale.ROOT, "%-18s %5d %10.0f %10.0f %10.0f %6.0f/%-6.0f%n", name, i + 1, x.p50(), y.p50(),
            y.p50() - x.p50(), x.p99(), y.p99());
      }
      out.printf(Locale.ROOT, "%-18s %5s %10.0f %10.0f %10.0f   (median over rounds)%n", name, "all",
          Args.median(a.stream().map(Sample::p50).toList()), Args.median(b.stream().map(Sample::p50).toList()),
          Args.median(added));
    }
    out.println("Agent's own final summary of each agent fork:");
    summaries.forEach(s -> out.println("  " + s));
  }
}
