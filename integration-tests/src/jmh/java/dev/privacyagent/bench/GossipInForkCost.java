package dev.privacyagent.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the agent's gossip capture adds per received message and per publish, measured inside one
 * JVM: {@link GossipInForkChild} alternates blocks with the agent active and muted on the same
 * warmed-up routers, so the fork-to-fork noise of {@link GossipHookOverhead} (the baseline moves
 * by 0.5-1.5 us between forks) cancels. One child at the default {@code gossipMessages} sampling,
 * one at {@code gossipMessages=all}, and two references whose two sides run the same code (their
 * difference is the harness's resolution): one without the agent, and one with the agent muted
 * from the first block on (against no agent: what the woven advice alone costs, fork noise
 * included).
 *
 * <p>Muted still runs the woven advice (the calls into the bootstrap bridge, the read of its null
 * sink, the bridge's per-thread publish bookkeeping), so "added" here is what the agent adds on
 * top of its advice, not all of what it adds against a JVM without it.
 *
 * <pre>
 * java -cp integration-tests-...-benchmarks.jar dev.privacyagent.bench.GossipInForkCost AGENT_JAR
 *     [sides=none,muted,sampled,all] [rounds=20] [ops=20000] [pairs=10] [warmup=500] [seconds=4] [batch=16]
 * </pre>
 */
public final class GossipInForkCost {
  private static final Map<String, Integer> TARGET_NS =
      Map.of("receiveFirst", 250, "receiveDuplicate", 250, "publish", 500);
  private static final Map<String, String> AGENT_ARGS = Map.of("sampled", HookOverhead.AGENT_ARGS,
      "all", HookOverhead.AGENT_ARGS + ",gossipMessages=all", "muted", HookOverhead.AGENT_ARGS);
  /** Sides whose two halves run the same code: their difference is noise, their time a reference. */
  private static final List<String> REFERENCES = List.of("none", "muted");

  /** One operation's line of a child: medians of the sides, and of the per-round differences. */
  record Result(double on, double off, double diff, double q1, double q3, double min, double max) {}

  private final PrintStream out = System.out;
  private final Path agentJar;
  private final Map<String, Integer> opt;
  private final Path work;
  private final Map<String, Map<String, Result>> results = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();

  private GossipInForkCost(Path agentJar, Map<String, Integer> opt) throws java.io.IOException {
    this.agentJar = agentJar;
    this.opt = opt;
    this.work = Files.createTempDirectory("pa-infork-");
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
      System.err.println("usage: GossipInForkCost AGENT_JAR [sides=none,muted,sampled,all] [rounds=20] [ops=20000] [pairs=10]"
          + " [warmup=500] [seconds=4] [batch=16]");
      System.exit(2);
    }
    List<String> sides = List.of("none", "muted", "sampled", "all");
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("sides=")) {
        sides = List.of(args[i].substring("sides=".length()).split(","));
      } else {
        rest.add(args[i]);
      }
    }
    GossipInForkCost h = new GossipInForkCost(Path.of(args[0]).toAbsolutePath(),
        Args.ints(rest.toArray(new String[0]), 0, GossipInForkChild.DEFAULTS));
    h.out.printf(Locale.ROOT, "java %s, %d cpus, load average %s; child stderr in %s%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), OverheadHarness.load(), h.work);
    for (String side : sides) {
      if (!side.equals("none") && !AGENT_ARGS.containsKey(side)) {
        throw new IllegalArgumentException("unknown side '" + side + "'; known: none, " + AGENT_ARGS.keySet());
      }
      h.child(side);
    }
    h.print();
    h.out.printf(Locale.ROOT, "load average at the end: %s%n", OverheadHarness.load());
    if (!h.failures.isEmpty()) {
      h.failures.forEach(f -> h.out.println("SIDES CHECK FAILED: " + f));
      System.exit(1);
    }
  }

  private void child(String side) throws Exception {
    boolean withAgent = !side.equals("none");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms1g", "-Xmx1g", "-D" + AgentPresence.PROPERTY + "=" + (withAgent ? "on" : "off")));
    if (withAgent) {
      cmd.add("-javaagent:" + agentJar + "=" + AGENT_ARGS.get(side));
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GossipInForkChild.class.getName()));
    opt.forEach((k, v) -> cmd.add(k + "=" + v));
    if (side.equals("muted")) {
      cmd.add(GossipInForkChild.MUTED_ONLY);
    }
    out.printf(Locale.ROOT, "%n== child '%s'%s%n", side, withAgent ? ": -javaagent:...=" + AGENT_ARGS.get(side) : "");
    try (Child c = Child.start(cmd, work.resolve(side + ".err"))) {
      c.await("DONE", 900);
      int exit = c.waitFor(60);
      Map<String, Result> ops = new LinkedHashMap<>();
      Map<String, Long> start = Map.of();
      Map<String, Long> totals = Map.of();
      for (Child.Line l : c.lines()) {
        out.println("  " + l.text());
        String t = l.text();
        if (t.startsWith("RESULT ")) {
          Map<String, String> f = fields(t);
          ops.put(f.get("op"), new Result(d(f, "on"), d(f, "off"), d(f, "diff"), d(f, "q1"), d(f, "q3"),
              d(f, "min"), d(f, "max")));
        } else if (t.startsWith("START ")) {
          start = longs(t);
        } else if (t.startsWith("TOTALS ")) {
          totals = longs(t);
        }
      }
      if (exit != 0 || totals.isEmpty()) {
        throw new IllegalStateException("child '" + side + "' failed (exit " + exit + "):\n" + c.tail());
      }
      results.put(side, ops);
      if (withAgent) {
        checkSummary(side, c.agentSummary(), start.get("deliveries"), totals);
      }
    }
  }

  /**
   * The agent's own final count must match the sides: every message an active block delivered,
   * and nothing of the muted ones; every active publish one event, the muted ones none.
   */
  private void checkSummary(String side, String summary, long startDeliveries, Map<String, Long> t) {
    out.println("  agent " + summary);
    Map<String, Long> s = longs(summary);
    long events = s.getOrDefault("events", -1L);
    Long kept = s.get("gossip-message-events");
    Long unsampled = s.get("gossip-messages-unsampled");
    if (events < 0 || kept == null || unsampled == null) {
      failures.add(side + ": no final summary with events= and gossip counts: '" + summary + "'");
      return;
    }
    long counted = kept + unsampled;
    long expected = startDeliveries + t.get("activeDeliveries");
    out.printf(Locale.ROOT, "  deliveries counted by the agent %d = %d before the first block + %d of the active"
        + " blocks (muted blocks delivered %d): %s%n", counted, startDeliveries, t.get("activeDeliveries"),
        t.get("mutedReceives"), counted == expected ? "ok" : "MISMATCH");
    if (counted != expected) {
      failures.add(side + ": the agent counted " + counted + " deliveries, expected " + expected);
    }
    // every own publish yields one GossipPublish event whatever the sampling; the rest is set-up,
    // mesh changes and stats, far fewer than the muted publishes would have added
    long other = events + s.getOrDefault("dropped", 0L) - kept - t.get("activePublishes");
    long muted = t.get("mutedPublishes");
    boolean ok = other >= 0 && other < muted / 4;
    out.printf(Locale.ROOT, "  events %d + dropped %d - per-message events %d - active publishes %d = %d other events"
            + " (must be >= 0 and < 1/4 of the %d muted publishes): %s%n", events, s.getOrDefault("dropped", 0L), kept,
        t.get("activePublishes"), other, muted, ok ? "ok" : "MISMATCH");
    if (!ok) {
      failures.add(side + ": events do not add up to one per active publish (" + other + " left over)");
    }
    if (s.getOrDefault("agent-errors", -1L) != 0) {
      failures.add(side + ": agent-errors in '" + summary + "'");
    }
  }

  private void print() {
    out.printf(Locale.ROOT, "%nIn-fork A/B (ns/op; per round %d block(s) per side, ABBA; %d rounds of %d timed ops per side"
            + " in batches of %d, %d untimed ops before each block, %d s warm-up per side and operation). Muted = no sink in"
            + " GossipBridge and no agent listener on the routers; the woven advice still runs.%n",
        opt.get("pairs"), opt.get("rounds"), opt.get("ops"), opt.get("batch"), opt.get("warmup"), opt.get("seconds"));
    out.printf(Locale.ROOT, "%-17s %-8s %9s %9s %9s %20s %9s%n", "operation", "side", "active", "muted",
        "added", "[q1, q3] (min, max)", "target");
    for (String op : TARGET_NS.keySet().stream().sorted().toList()) {
      for (Map.Entry<String, Map<String, Result>> e : results.entrySet()) {
        Result r = e.getValue().get(op);
        if (r == null) {
          continue;
        }
        boolean ref = REFERENCES.contains(e.getKey());
        int target = TARGET_NS.get(op);
        out.printf(Locale.ROOT, "%-17s %-8s %9.0f %9.0f %9.0f %20s %9s%n", op, e.getKey(), r.on(), r.off(), r.diff(),
            String.format(Locale.ROOT, "[%.0f, %.0f] (%.0f, %.0f)", r.q1(), r.q3(), r.min(), r.max()),
            ref ? "A/A noise" : target + (r.diff() <= target ? " met" : " MISSED"));
      }
    }
    for (Map.Entry<String, Map<String, Result>> e : results.entrySet()) {
      if (REFERENCES.contains(e.getKey())) {
        continue;
      }
      e.getValue().forEach((op, r) -> out.printf(Locale.ROOT, "INFORK %-8s %-17s added %6.0f ns, IQR [%.0f, %.0f]"
          + " (target <= %d: %s)%n", e.getKey(), op, r.diff(), r.q1(), r.q3(), TARGET_NS.get(op),
          r.diff() <= TARGET_NS.get(op) ? "met" : "MISSED"));
    }
    Map<String, Result> none = results.get("none");
    if (none != null) {
      none.forEach((op, r) -> out.printf(Locale.ROOT, "REFERENCE %-17s no agent %6.0f ns/op; muted side of: %s (other JVMs:"
          + " fork noise applies)%n", op, (r.on() + r.off()) / 2, mutedOf(op)));
    }
  }

  private String mutedOf(String op) {
    List<String> s = new ArrayList<>();
    results.forEach((side, ops) -> {
      Result r = ops.get(op);
      if (!side.equals("none") && r != null) {
        s.add(String.format(Locale.ROOT, "%s %.0f", side, REFERENCES.contains(side) ? (r.on() + r.off()) / 2 : r.off()));
      }
    });
    return String.join(", ", s);
  }

  private static Map<String, String> fields(String line) {
    Map<String, String> f = new HashMap<>();
    for (String part : line.split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        f.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return f;
  }

  private static Map<String, Long> longs(String line) {
    Map<String, Long> out = new HashMap<>();
    fields(line).forEach((k, v) -> {
      try {
        out.put(k, Long.parseLong(v));
      } catch (NumberFormatException e) {
        // not a count (risk=0.00 and the like)
      }
    });
    return out;
  }

  private static double d(Map<String, String> f, String key) {
    return Double.parseDouble(f.get(key));
  }
}
