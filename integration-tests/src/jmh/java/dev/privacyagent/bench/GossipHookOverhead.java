package dev.privacyagent.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs {@link GossipBenchmarks} in three kinds of fork, alternating per round: without the agent,
 * with it at the default {@code gossipMessages} sampling, and with {@code gossipMessages=all} (a
 * per-message event for every delivery); prints per operation what each agent side adds to the
 * median and the verdict against the targets (received message <= 250 ns, publish <= 500 ns).
 *
 * <pre>
 * java -cp integration-tests-...-benchmarks.jar dev.privacyagent.bench.GossipHookOverhead AGENT_JAR
 *     [rounds=2] [warmup=3] [iterations=5] [seconds=1]
 * </pre>
 */
public final class GossipHookOverhead {
  private static final Map<String, Integer> TARGET_NS =
      Map.of("receiveFirst", 250, "receiveDuplicate", 250, "publish", 500);

  private GossipHookOverhead() {}

  public static void main(String[] args) throws RunnerException {
    if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
      System.err.println("usage: GossipHookOverhead AGENT_JAR [rounds=2] [warmup=3] [iterations=5] [seconds=1]");
      System.exit(2);
    }
    String agent = Path.of(args[0]).toAbsolutePath().toString();
    Map<String, Integer> opt = Args.ints(args, 1, Map.of("rounds", 2, "warmup", 3, "iterations", 5, "seconds", 1));
    Map<String, Map<String, Double>> added = new ForkComparison(agent, GossipBenchmarks.class.getName() + "\\.",
        List.of(new ForkComparison.Side("off", null),
            new ForkComparison.Side("sampled", HookOverhead.AGENT_ARGS),
            new ForkComparison.Side("all", HookOverhead.AGENT_ARGS + ",gossipMessages=all")), opt)
        .run()
        .print(System.out, "Agent gossip hook overhead");
    added.forEach((side, ops) -> ops.forEach((op, ns) -> {
      Integer target = TARGET_NS.get(op);
      System.out.printf(Locale.ROOT, "GOSSIP %-8s %-17s added %6.0f ns (target <= %d: %s)%n", side, op, ns, target,
          target != null && ns <= target ? "met" : "MISSED");
    }));
  }
}
