package dev.privacyagent.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end agent overhead, each number against a baseline measured in the same run, in child
 * JVMs running {@link StreamWorkload} on the test host:
 *
 * <ol>
 *   <li>throughput: the same echo-stream workload without and with {@code -javaagent}, alternating
 *       (off, on, off, on, ...) to spread drift over both sides; prints streams/s of each run and
 *       the ratio with/without (target >= 0.95);
 *   <li>start-up: time from spawning the JVM to the first line of {@code main}, and to the first
 *       echo over a fresh Noise+yamux connection, without and with the agent, alternating;
 *       medians and the difference (target: premain adds <= 500 ms);
 *   <li>attach: a running workload JVM without the agent; time from launching
 *       {@code java -jar privacy-agent.jar attach PID events=FILE} to the first event in FILE
 *       (target <= 3 s; includes the attach command's own JVM start);
 *   <li>gossip: the gossip-heavy {@link GossipLoad} (4 nodes publishing to each other as fast as
 *       the test host takes it) without and with the agent, alternating; messages/s of each run,
 *       the ratio with/without (target >= 0.98) and the CPU per message.
 * </ol>
 *
 * <pre>
 * java -cp integration-tests-...-benchmarks.jar dev.privacyagent.bench.OverheadHarness AGENT_JAR
 *     [phases=streams,startup,attach,gossip] [rounds=4] [warmup=5000] [streams=20000] [concurrency=16]
 *     [bytes=256] [startups=9] [attaches=3] [gossipRounds=6] [gossipWarmup=3000] [gossipMessages=10000]
 * </pre>
 */
public final class OverheadHarness {
  /** Defaults except a free port for the report server (7878 may be taken on a shared machine). */
  static final String AGENT_ARGS = "port=0";

  private final Path agentJar;
  private final Map<String, Integer> opt;
  private final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
  private final String classPath = System.getProperty("java.class.path");
  private final Path work;
  private final PrintStream out = System.out;

  private OverheadHarness(Path agentJar, Map<String, Integer> opt) throws IOException {
    this.agentJar = agentJar;
    this.opt = opt;
    this.work = Files.createTempDirectory("pa-overhead-");
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
      System.err.println("usage: OverheadHarness AGENT_JAR [rounds=4] [warmup=5000] [streams=20000]"
          + " [concurrency=16] [bytes=256] [startups=9] [attaches=3]");
      System.exit(2);
    }
    List<String> phases = List.of("streams", "startup", "attach", "gossip");
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("phases=")) {
        phases = List.of(args[i].substring("phases=".length()).split(","));
      } else {
        rest.add(args[i]);
      }
    }
    Map<String, Integer> defaults = new java.util.HashMap<>(Map.of("rounds", 4, "warmup", 5000, "streams", 20000,
        "concurrency", 16, "bytes", 256, "startups", 9, "attaches", 3));
    defaults.putAll(Map.of("gossipRounds", 6, "gossipWarmup", 3000, "gossipMessages", 10000));
    Map<String, Integer> opt = Args.ints(rest.toArray(new String[0]), 0, defaults);
    OverheadHarness h = new OverheadHarness(Path.of(args[0]).toAbsolutePath(), opt);
    h.out.printf(Locale.ROOT, "java %s (%s), %d cpus, load average %s; child output in %s%n",
        System.getProperty("java.version"), h.java, Runtime.getRuntime().availableProcessors(), load(), h.work);
    boolean ok = true;
    for (String phase : phases) {
      ok &= switch (phase) {
        case "streams" -> h.throughput();
        case "startup" -> h.startup();
        case "attach" -> h.attach();
        case "gossip" -> h.gossip();
        default -> throw new IllegalArgumentException("unknown phase '" + phase + "'; known: " + List.of("streams",
            "startup", "attach", "gossip"));
      };
    }
    h.out.printf(Locale.ROOT, "load average at the end: %s%n", load());
    System.exit(ok ? 0 : 1);
  }

  static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  private List<String> command(boolean withAgent, String... main) {
    return command(withAgent, StreamWorkload.class, main);
  }

  private List<String> command(boolean withAgent, Class<?> workload, String... main) {
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx1g"));
    if (withAgent) {
      cmd.add("-javaagent:" + agentJar + "=" + AGENT_ARGS);
    }
    cmd.addAll(List.of("-cp", classPath, workload.getName()));
    cmd.addAll(List.of(main));
    return cmd;
  }

  /** One child run: {rate, CPU per unit}. */
  private interface Run {
    double[] run(boolean withAgent, int round) throws Exception;
  }

  /** Per round (off, then on): the rates, their ratio and the CPU per unit of each side. */
  private record Paired(List<Double> offRates, List<Double> onRates, List<Double> ratios, List<Double> offCpu,
      List<Double> onCpu) {}

  private Paired paired(int rounds, Run run) throws Exception {
    Paired p = new Paired(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (int r = 1; r <= rounds; r++) {
      double[] off = run.run(false, r);
      double[] on = run.run(true, r);
      p.offRates().add(off[0]);
      p.onRates().add(on[0]);
      p.offCpu().add(off[1]);
      p.onCpu().add(on[1]);
      p.ratios().add(on[0] / off[0]);
      out.printf(Locale.ROOT, "round %d ratio on/off %.3f%n", r, on[0] / off[0]);
    }
    return p;
  }

  private boolean throughput() throws Exception {
    int rounds = opt.get("rounds");
    out.printf(Locale.ROOT, "%n== throughput: %d echo streams of %d bytes, %d in flight, after %d warm-up streams;"
            + " one Noise+yamux connection over loopback; %d rounds off/on%n",
        opt.get("streams"), opt.get("bytes"), opt.get("concurrency"), opt.get("warmup"), rounds);
    Paired p = paired(rounds, this::throughputRun);
    List<Double> offRates = p.offRates();
    List<Double> onRates = p.onRates();
    List<Double> ratios = p.ratios();
    List<Double> offCpu = p.offCpu();
    List<Double> onCpu = p.onCpu();
    double cpuOff = Args.median(offCpu);
    double cpuOn = Args.median(onCpu);
    out.printf(Locale.ROOT, "CPU per stream (all threads of the JVM): off median %.1f us, on median %.1f us,"
        + " added %.1f us (%.1f%%)%n", cpuOff, cpuOn, cpuOn - cpuOff, 100 * (cpuOn - cpuOff) / cpuOff);
    double medianRatio = Args.median(ratios);
    double ratioOfMedians = Args.median(onRates) / Args.median(offRates);
    out.printf(Locale.ROOT, "THROUGHPUT off median %.0f streams/s, on median %.0f streams/s; ratio: median of"
            + " rounds %.3f, of medians %.3f (target >= 0.95: %s)%n",
        Args.median(offRates), Args.median(onRates), medianRatio, ratioOfMedians, medianRatio >= 0.95 ? "met" : "MISSED");
    return true;
  }

  /** Streams per second and CPU microseconds per stream of one child run. */
  private double[] throughputRun(boolean withAgent, int round) throws Exception {
    Path err = work.resolve("throughput-" + round + (withAgent ? "-on" : "-off") + ".err");
    try (Child c = Child.start(command(withAgent, "throughput", Integer.toString(opt.get("warmup")),
        Integer.toString(opt.get("streams")), Integer.toString(opt.get("concurrency")),
        Integer.toString(opt.get("bytes"))), err)) {
      String line = c.await("RESULT", 600).text();
      String threads = c.await("THREADS", 60).text();
      int exit = c.waitFor(120);
      long streams = field(line, "streams");
      long nanos = field(line, "nanos");
      long errors = field(line, "errors");
      if (exit != 0 || errors != 0) {
        throw new IllegalStateException("workload failed (exit " + exit + ", " + errors + " stream errors):\n" + c.tail());
      }
      double rate = streams / (nanos / 1e9);
      double cpuPerStream = field(line, "cpuNanos") / 1e3 / streams;
      out.printf(Locale.ROOT, "round %d agent %-3s %8.0f streams/s (%.2f s), CPU %.1f us/stream%s%n", round,
          withAgent ? "on" : "off", rate, nanos / 1e9, cpuPerStream,
          withAgent ? "  agent " + c.agentSummary() : "");
      out.println("  " + threads);
      return new double[] {rate, cpuPerStream};
    }
  }

  private boolean gossip() throws Exception {
    int rounds = opt.get("gossipRounds");
    out.printf(Locale.ROOT, "%n== gossip: %d nodes in one JVM over loopback (Noise+yamux, Teku-like gossip, %d topics),"
            + " each publishing %d messages of %d bytes to the others (at most %d of its own in flight) after %d"
            + " warm-up ones; %d rounds off/on%n",
        GossipLoad.NODES, GossipLoad.TOPICS, opt.get("gossipMessages"), GossipLoad.DATA_BYTES, GossipLoad.WINDOW,
        opt.get("gossipWarmup"), rounds);
    Paired p = paired(rounds, this::gossipRun);
    List<Double> offRates = p.offRates();
    List<Double> onRates = p.onRates();
    List<Double> ratios = p.ratios();
    List<Double> offCpu = p.offCpu();
    List<Double> onCpu = p.onCpu();
    double cpuOff = Args.median(offCpu);
    double cpuOn = Args.median(onCpu);
    out.printf(Locale.ROOT, "GOSSIP CPU per published message (all threads of the JVM; each is delivered to %d nodes):"
        + " off median %.1f us, on median %.1f us, added %.1f us (%.1f%%)%n", GossipLoad.NODES - 1, cpuOff, cpuOn,
        cpuOn - cpuOff, 100 * (cpuOn - cpuOff) / cpuOff);
    double medianRatio = Args.median(ratios);
    out.printf(Locale.ROOT, "GOSSIP THROUGHPUT off median %.0f messages/s, on median %.0f messages/s; ratio: median of"
            + " rounds %.3f, of medians %.3f (target >= 0.98: %s)%n", Args.median(offRates), Args.median(onRates),
        medianRatio, Args.median(onRates) / Args.median(offRates), medianRatio >= 0.98 ? "met" : "MISSED");
    return true;
  }

  /** Published messages per second and CPU microseconds per published message of one child run. */
  private double[] gossipRun(boolean withAgent, int round) throws Exception {
    Path err = work.resolve("gossip-" + round + (withAgent ? "-on" : "-off") + ".err");
    try (Child c = Child.start(command(withAgent, GossipLoad.class, "throughput",
        Integer.toString(opt.get("gossipWarmup")), Integer.toString(opt.get("gossipMessages"))), err)) {
      String line = c.await("RESULT", 600).text();
      String threads = c.await("THREADS", 60).text();
      int exit = c.waitFor(120);
      long published = field(line, "published");
      long nanos = field(line, "nanos");
      if (exit != 0) {
        throw new IllegalStateException("gossip workload failed (exit " + exit + "): " + line + "\n" + c.tail());
      }
      double rate = published / (nanos / 1e9);
      double cpuPerMessage = field(line, "cpuNanos") / 1e3 / published;
      out.printf(Locale.ROOT, "round %d agent %-3s %8.0f messages/s (%.2f s, %d deliveries), CPU %.1f us/message%s%n",
          round, withAgent ? "on" : "off", rate, nanos / 1e9, field(line, "delivered"), cpuPerMessage,
          withAgent ? "  agent " + c.agentSummary() : "");
      out.println("  " + threads);
      return new double[] {rate, cpuPerMessage};
    }
  }

  private static long field(String line, String name) {
    for (String part : line.split("\\s+")) {
      if (part.startsWith(name + "=")) {
        return Long.parseLong(part.substring(name.length() + 1));
      }
    }
    throw new IllegalStateException("no " + name + " in '" + line + "'");
  }

  private boolean startup() throws Exception {
    int n = opt.get("startups");
    out.printf(Locale.ROOT, "%n== start-up: spawn -> first line of main, and -> first echo over a new"
        + " connection; %d runs each, alternating%n", n);
    List<Double> mainOff = new ArrayList<>();
    List<Double> mainOn = new ArrayList<>();
    List<Double> readyOff = new ArrayList<>();
    List<Double> readyOn = new ArrayList<>();
    List<Double> cpuOff = new ArrayList<>();
    List<Double> cpuOn = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      for (boolean withAgent : new boolean[] {false, true}) {
        Path err = work.resolve("startup-" + i + (withAgent ? "-on" : "-off") + ".err");
        try (Child c = Child.start(command(withAgent, "startup"), err)) {
          Child.Line mainLine = c.await("MAIN", 120);
          double main = (mainLine.nanos() - c.spawnedNanos) / 1e6;
          double ready = (c.await("READY", 120).nanos() - c.spawnedNanos) / 1e6;
          int exit = c.waitFor(120);
          if (exit != 0) {
            throw new IllegalStateException("start-up child failed (exit " + exit + "):\n" + c.tail());
          }
          (withAgent ? mainOn : mainOff).add(main);
          (withAgent ? readyOn : readyOff).add(ready);
          (withAgent ? cpuOn : cpuOff).add((double) mainLine.cpuMillis());
          out.printf(Locale.ROOT, "run %d agent %-3s main at %6.0f ms (CPU %4d ms), first echo at %6.0f ms%n", i,
              withAgent ? "on" : "off", main, mainLine.cpuMillis(), ready);
        }
      }
    }
    double addedMain = Args.median(mainOn) - Args.median(mainOff);
    double addedReady = Args.median(readyOn) - Args.median(readyOff);
    out.printf(Locale.ROOT, "STARTUP to main: off median %.0f ms, on median %.0f ms, added %.0f ms (target <= 500:"
            + " %s); to first echo: off %.0f ms, on %.0f ms, added %.0f ms%n",
        Args.median(mainOff), Args.median(mainOn), addedMain, addedMain <= 500 ? "met" : "MISSED",
        Args.median(readyOff), Args.median(readyOn), addedReady);
    out.printf(Locale.ROOT, "STARTUP CPU time used by the JVM until main (all threads): off median %.0f ms, on"
        + " median %.0f ms, added %.0f ms%n", Args.median(cpuOff), Args.median(cpuOn),
        Args.median(cpuOn) - Args.median(cpuOff));
    return true;
  }

  private boolean attach() throws Exception {
    int n = opt.get("attaches");
    out.printf(Locale.ROOT, "%n== attach: workload JVM (one echo stream every 20 ms) without the agent;"
        + " launch 'java -jar privacy-agent.jar attach PID events=FILE' -> first event in FILE; %d runs%n", n);
    List<Double> firsts = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Path events = work.resolve("attach-" + i + ".jsonl");
      try (Child target = Child.start(command(false, "serve", "60", "20"), work.resolve("attach-" + i + ".err"))) {
        target.await("READY", 120);
        Thread.sleep(1000); // past the target's own start-up
        List<String> cmd = List.of(java.toString(), "-jar", agentJar.toString(), "attach",
            Long.toString(target.process.pid()), "port=-1", "summaryInterval=0", "report=false",
            "events=" + events);
        long t0 = System.nanoTime();
        Process cli = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(work.resolve("attach-" + i + ".cli").toFile()).start();
        double first = -1;
        double cliDone = -1;
        long end = t0 + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end && first < 0) {
          if (cliDone < 0 && !cli.isAlive()) {
            cliDone = (System.nanoTime() - t0) / 1e6;
          }
          if (Files.exists(events) && Files.size(events) > 0) {
            first = (System.nanoTime() - t0) / 1e6;
          }
          Thread.sleep(5);
        }
        if (!cli.waitFor(60, TimeUnit.SECONDS)) {
          cli.destroyForcibly();
        }
        if (cliDone < 0) {
          cliDone = (System.nanoTime() - t0) / 1e6;
        }
        if (first < 0) {
          throw new IllegalStateException("no event within 30 s of the attach (exit " + cli.exitValue() + "): "
              + Files.readString(work.resolve("attach-" + i + ".cli")) + "\n" + target.tail());
        }
        firsts.add(first);
        out.printf(Locale.ROOT, "run %d first event after %.0f ms (attach command exited after %.0f ms, exit %d)%n",
            i, first, cliDone, cli.exitValue());
      }
    }
    double median = Args.median(firsts);
    out.printf(Locale.ROOT, "ATTACH to first event: median %.0f ms (target <= 3000: %s)%n", median,
        median <= 3000 ? "met" : "MISSED");
    return true;
  }
}
