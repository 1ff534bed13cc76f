package dev.privacyagent.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The child JVM of {@link GossipInForkCost}: the three {@link GossipWorkload}s on one warmed-up
 * JVM, each run in blocks that alternate between the agent active and muted ({@link AgentSwitch}),
 * so that what the JIT, the heap layout and the machine do to one fork hits both sides alike.
 * Without the agent both sides are the same code: their difference is the harness's own noise.
 *
 * <p>Every block proves its side before it is counted: the bridge's sink and the routers'
 * listener lists are checked, and the agent's delivery counter must have moved by exactly the
 * block's deliveries when active and not at all when muted. Prints one {@code ROUND} line per
 * round and operation, one {@code RESULT} line per operation and a {@code TOTALS} line (the
 * operations run per side) that the parent checks against the agent's final summary.
 */
public final class GossipInForkChild {
  static final Map<String, Integer> DEFAULTS =
      Map.of("rounds", 20, "ops", 20_000, "pairs", 10, "warmup", 500, "seconds", 4, "batch", 16);

  static final String MUTED_ONLY = "mutedOnly";

  private final AgentSwitch agent;
  private final Map<String, Integer> opt;
  /** Blackhole: what the operations returned, printed once so that nothing is dead code. */
  private long consumed;

  /** Per workload: operations run with the agent on and off (warm-up included). */
  private final Map<GossipWorkload, long[]> ops = new java.util.IdentityHashMap<>();

  /**
   * With the agent loaded, both sides muted from the first block on: the JIT never sees the
   * agent's paths run, so this child's time against one without the agent is what the woven
   * advice alone costs (give or take the fork-to-fork noise).
   */
  private final boolean mutedOnly;

  private GossipInForkChild(AgentSwitch agent, Map<String, Integer> opt, boolean mutedOnly) {
    this.agent = agent;
    this.mutedOnly = mutedOnly;
    this.opt = opt;
  }

  public static void main(String[] args) {
    try {
      measure(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // the agent's and the routers' threads must not keep a failed child alive
    }
  }

  private static void measure(String[] args) {
    boolean mutedOnly = Arrays.asList(args).contains(MUTED_ONLY);
    Map<String, Integer> opt = Args.ints(Arrays.stream(args).filter(a -> !a.equals(MUTED_ONLY)).toArray(String[]::new),
        0, DEFAULTS);
    long t0 = System.nanoTime();
    List<GossipWorkload> workloads =
        List.of(new GossipWorkload.FirstCopy(), new GossipWorkload.Duplicate(), new GossipWorkload.Publish());
    workloads.forEach(GossipWorkload::build);
    AgentSwitch agent = AgentPresence.active()
        ? AgentSwitch.of(workloads.stream().map(w -> w.net.router).toList()) : null;
    GossipInForkChild c = new GossipInForkChild(agent, opt, mutedOnly && agent != null);
    System.out.printf(Locale.ROOT, "START agent=%s deliveries=%d%n", agent != null, c.deliveries());
    c.run(workloads);
    for (GossipWorkload w : workloads) {
      w.finish();
    }
    System.out.printf(Locale.ROOT, "DONE in %.1f s (consumed %d)%n", (System.nanoTime() - t0) / 1e9, c.consumed);
    System.exit(0); // the agent's shutdown hook prints its final summary on stderr
  }

  private String side(boolean on) {
    return agent == null || mutedOnly ? (on ? "A" : "B") : (on ? "active" : "muted");
  }

  private long deliveries() {
    return agent == null ? 0 : agent.deliveries();
  }

  private void run(List<GossipWorkload> workloads) {
    for (GossipWorkload w : workloads) {
      ops.put(w, new long[2]);
      int rounds = warmUp(w);
      System.out.printf(Locale.ROOT, "WARMUP %s: %d rounds, about %d s each side%n", w.name(), rounds,
          opt.get("seconds"));
    }
    int rounds = opt.get("rounds");
    List<List<double[]>> perOp = new ArrayList<>();
    workloads.forEach(w -> perOp.add(new ArrayList<>()));
    for (int r = 1; r <= rounds; r++) {
      boolean activeFirst = r % 2 == 1; // ABBA: neither side always runs right after the other
      for (int i = 0; i < workloads.size(); i++) {
        GossipWorkload w = workloads.get(i);
        double[] t = round(w, activeFirst);
        perOp.get(i).add(t);
        System.out.printf(Locale.ROOT, "ROUND %2d %-17s %s %8.1f  %s %8.1f  diff %7.1f ns/op%n", r, w.name(),
            side(true), t[0], side(false), t[1], t[2]);
      }
    }
    for (int i = 0; i < workloads.size(); i++) {
      printResult(workloads.get(i), perOp.get(i));
    }
    agentSide(true); // the agent's shutdown and final summary as in any run
    long activeReceives = 0;
    long mutedReceives = 0;
    long activeDeliveries = 0;
    long activePublishes = 0;
    long mutedPublishes = 0;
    for (GossipWorkload w : workloads) {
      long[] n = ops.get(w);
      activeDeliveries += n[0] * w.deliveriesPerOp();
      if (w instanceof GossipWorkload.Publish) {
        activePublishes += n[0];
        mutedPublishes += n[1];
      } else {
        activeReceives += n[0];
        mutedReceives += n[1];
      }
    }
    System.out.printf(Locale.ROOT, "TOTALS activeReceives=%d mutedReceives=%d activeDeliveries=%d activePublishes=%d"
        + " mutedPublishes=%d deliveries=%d%n", activeReceives, mutedReceives, activeDeliveries, activePublishes,
        mutedPublishes, deliveries());
  }

  private void printResult(GossipWorkload w, List<double[]> rounds) {
    List<Double> on = rounds.stream().map(x -> x[0]).toList();
    List<Double> off = rounds.stream().map(x -> x[1]).toList();
    List<Double> diff = rounds.stream().map(x -> x[2]).toList();
    System.out.printf(Locale.ROOT, "RESULT op=%s rounds=%d on=%.1f off=%.1f diff=%.1f q1=%.1f q3=%.1f min=%.1f"
            + " max=%.1f%n", w.name(), rounds.size(), Args.median(on), Args.median(off), Args.median(diff),
        Args.quantile(diff, 0.25), Args.quantile(diff, 0.75), Args.quantile(diff, 0), Args.quantile(diff, 1));
  }

  /** Rounds whose results are dropped, until each side has run about {@code seconds}. */
  private int warmUp(GossipWorkload w) {
    long end = System.nanoTime() + 2 * opt.get("seconds") * 1_000_000_000L;
    int rounds = 0;
    while (System.nanoTime() < end) {
      round(w, rounds++ % 2 == 0);
    }
    return rounds;
  }

  /**
   * One round of {@code w}: {@code pairs} pairs of blocks, ABBA within the round too. A pair's
   * difference is that of its two blocks' median batches, taken some ten milliseconds apart, and
   * the round's is the median of its pairs': a phase of the machine (another VM's burst, the other
   * core busy) that outlasts a block hits one pair, not the round.
   *
   * @return {active, muted, difference} in ns per operation; a side's time is the median of all
   *     its batches in the round
   */
  private double[] round(GossipWorkload w, boolean activeFirst) {
    int pairs = opt.get("pairs");
    int batch = opt.get("batch");
    int batches = Math.max(1, opt.get("ops") / pairs / batch);
    long[][] nanos = {new long[pairs * batches], new long[pairs * batches]};
    List<Double> diffs = new ArrayList<>();
    for (int p = 0; p < pairs; p++) {
      boolean first = (p % 2 == 0) == activeFirst;
      int at = p * batches;
      block(w, first, nanos[first ? 0 : 1], at, batches);
      block(w, !first, nanos[first ? 1 : 0], at, batches);
      diffs.add((median(nanos[0], at, batches) - median(nanos[1], at, batches)) / batch);
    }
    return new double[] {median(nanos[0], 0, nanos[0].length) / batch, median(nanos[1], 0, nanos[1].length) / batch,
        Args.median(diffs)};
  }

  private void agentSide(boolean on) {
    if (agent != null) {
      agent.set(on);
      agent.verify(on);
    }
  }

  private static double median(long[] nanos, int from, int n) {
    long[] v = Arrays.copyOfRange(nanos, from, from + n);
    Arrays.sort(v);
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
  }

  /**
   * One block on side {@code on}: {@code warmup} operations, then {@code batches} batches of
   * {@code batch} operations timed per pair of clock reads (the clock costs both sides the same)
   * into {@code nanos} from {@code at}. Throws unless the agent counted exactly the block's
   * deliveries when active and none when muted, or the workload's own check fails.
   */
  private void block(GossipWorkload w, boolean on, long[] nanos, int at, int batches) {
    boolean live = on && agent != null && !mutedOnly;
    agentSide(live);
    int batch = opt.get("batch");
    int warm = opt.get("warmup");
    long before = deliveries();
    long sum = 0;
    for (int i = 0; i < warm; i++) {
      sum += w.step();
    }
    for (int b = at; b < at + batches; b++) {
      long t = System.nanoTime();
      for (int i = 0; i < batch; i++) {
        sum += w.step();
      }
      nanos[b] = System.nanoTime() - t;
    }
    consumed += sum;
    long n = warm + (long) batches * batch;
    long counted = deliveries() - before;
    long expected = live ? n * w.deliveriesPerOp() : 0;
    if (counted != expected) {
      throw new IllegalStateException(w.name() + " block " + side(on) + ": the agent counted " + counted
          + " deliveries, expected " + expected);
    }
    w.check();
    ops.get(w)[live ? 0 : 1] += n;
  }
}
