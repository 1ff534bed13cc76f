package dev.privacyagent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs {@link HookBenchmarks} without and with {@code -javaagent:privacy-agent.jar}, alternating
 * (off, on, off, on, ...) so that drift on a shared machine hits both sides, and prints per
 * operation the median (p50) of each side and the median added by the agent.
 *
 * <pre>
 * java -cp integration-tests-...-benchmarks.jar dev.privacyagent.bench.HookOverhead AGENT_JAR
 *     [rounds=2] [warmup=3] [iterations=5] [seconds=1]
 * </pre>
 */
public final class HookOverhead {
  /** The agent as an operator would run it, minus the server and the periodic/exit output. */
  static final String AGENT_ARGS = "port=-1,summaryInterval=0,report=false";

  private HookOverhead() {}

  public static void main(String[] args) throws RunnerException {
    if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
      System.err.println("usage: HookOverhead AGENT_JAR [rounds=2] [warmup=3] [iterations=5] [seconds=1]");
      System.exit(2);
    }
    String agent = Path.of(args[0]).toAbsolutePath().toString();
    Map<String, Integer> opt = Args.ints(args, 1, Map.of("rounds", 2, "warmup", 3, "iterations", 5, "seconds", 1));
    new ForkComparison(agent, HookBenchmarks.class.getName() + "\\.",
        List.of(new ForkComparison.Side("off", null), new ForkComparison.Side("on", AGENT_ARGS)), opt)
        .run()
        .print(System.out, "Agent hook overhead");
  }
}
