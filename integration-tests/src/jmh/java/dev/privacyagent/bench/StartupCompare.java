package dev.privacyagent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up only, for before/after comparisons on a busy machine: child JVMs running
 * {@link StreamWorkload} {@code startup} without the agent, with agent jar A and (optionally)
 * with agent jar B, one of each per round in turn, so that every variant sees the same load.
 * Per variant: the median time from spawning the JVM to the first line of {@code main}, to the
 * first echo over a new Noise+yamux connection, and the JVM's CPU time until {@code main}; the
 * added time is against the "off" runs of the same rounds.
 *
 * <pre>
 * java -cp integration-tests-...-benchmarks.jar dev.privacyagent.bench.StartupCompare rounds=15 AGENT_JAR [BASELINE_JAR]
 * </pre>
 *
 * A jar may carry extra agent options after a {@code ?}: {@code agent.jar?startup=background}
 * runs that jar with {@code -javaagent:agent.jar=port=0,startup=background}, so that two modes of
 * one jar can be compared in the same rounds.
 */
public final class StartupCompare {
  private StartupCompare() {}

  public static void main(String[] args) throws Exception {
    int rounds = 15;
    Map<String, Path> variants = new LinkedHashMap<>();
    Map<String, String> options = new LinkedHashMap<>();
    variants.put("off", null);
    for (String a : args) {
      if (a.startsWith("rounds=")) {
        rounds = Integer.parseInt(a.substring(7));
      } else {
        int q = a.indexOf('?');
        Path jar = Path.of(q < 0 ? a : a.substring(0, q)).toAbsolutePath();
        if (!Files.isRegularFile(jar) || variants.size() > 3) {
          System.err.println("usage: StartupCompare [rounds=15] AGENT_JAR[?OPTIONS] [OTHER_AGENT_JAR[?OPTIONS]] [THIRD]");
          System.exit(2);
        }
        String key = "ABC".charAt(variants.size() - 1) + " " + jar.getFileName() + (q < 0 ? "" : " " + a.substring(q + 1));
        variants.put(key, jar);
        options.put(key, q < 0 ? "" : "," + a.substring(q + 1));
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path work = Files.createTempDirectory("pa-startup-");
    System.out.printf(Locale.ROOT, "java %s, %d cpus, load average %s; %d rounds of %s; child output in %s%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), OverheadHarness.load(), rounds,
        variants.keySet(), work);
    Map<String, List<Double>> main = new LinkedHashMap<>();
    Map<String, List<Double>> ready = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    for (int r = 1; r <= rounds; r++) {
      for (Map.Entry<String, Path> v : variants.entrySet()) {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx1g"));
        if (v.getValue() != null) {
          cmd.add("-javaagent:" + v.getValue() + "=" + OverheadHarness.AGENT_ARGS + options.get(v.getKey()));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), StreamWorkload.class.getName(), "startup"));
        try (Child c = Child.start(cmd, work.resolve("r" + r + "-" + v.getKey().charAt(0) + ".err"))) {
          Child.Line m = c.await("MAIN", 120);
          double toMain = (m.nanos() - c.spawnedNanos) / 1e6;
          double toReady = (c.await("READY", 120).nanos() - c.spawnedNanos) / 1e6;
          int exit = c.waitFor(120);
          if (exit != 0) {
            throw new IllegalStateException("child failed (exit " + exit + "):\n" + c.tail());
          }
          main.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(toMain);
          ready.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(toReady);
          cpu.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add((double) m.cpuMillis());
          System.out.printf(Locale.ROOT, "round %2d %-40s main at %6.0f ms (CPU %4d ms), first echo at %6.0f ms%n",
              r, v.getKey(), toMain, m.cpuMillis(), toReady);
        }
      }
    }
    double offMain = Args.median(main.get("off"));
    double offReady = Args.median(ready.get("off"));
    double offCpu = Args.median(cpu.get("off"));
    for (String k : variants.keySet()) {
      double mm = Args.median(main.get(k));
      double rr = Args.median(ready.get(k));
      double cc = Args.median(cpu.get(k));
      System.out.printf(Locale.ROOT, "STARTUP %-40s main %6.0f ms (added %5.0f, target <= 150: %s), first echo %6.0f ms"
              + " (added %5.0f, target <= 300: %s), CPU until main %5.0f ms (added %5.0f)%n",
          k, mm, mm - offMain, k.equals("off") ? "-" : mm - offMain <= 150 ? "met" : "MISSED", rr, rr - offReady,
          k.equals("off") ? "-" : rr - offReady <= 300 ? "met" : "MISSED", cc, cc - offCpu);
    }
    System.out.printf(Locale.ROOT, "load average at the end: %s%n", OverheadHarness.load());
  }
}
