package dev.privacyagent.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The application-side cost of the agent's gossip hooks, on the test host's real gossip router
 * ({@link GossipNet}: 12 peers, 4 topics, a mesh of 6 per topic). The same operations run in forks
 * without the agent and with it ({@link GossipHookOverhead}), so the difference is everything the
 * agent adds on the router's thread: the woven advice on {@code onInbound}, {@code send},
 * {@code broadcastOutbound}, {@code submitPublishMessage} and {@code publish}, the listener proxy's
 * callbacks, the dispatcher, and the hand-off of any event to the collector's queue.
 *
 * <ul>
 *   <li>{@code receiveFirst}: an RPC carrying a message our node has not seen, from one of the
 *       peers, as wire bytes: decoded, seen-checked, validated, delivered to the app's handler and
 *       forwarded to the other mesh peers of its topic (5 or 6 sends). One simulated millisecond
 *       passes per message, so the heartbeat (mesh upkeep, IHAVE gossip) runs every 1,000.
 *   <li>{@code receiveDuplicate}: an RPC carrying a message our node already has, from another
 *       peer: decoded, found in the seen cache, reported to the listeners, dropped.
 *   <li>{@code publish}: {@code publish(PubsubMessage)} of our own new message on a subscribed
 *       topic: seen cache, validation, {@code broadcastOutbound} to the topic's mesh (6 peers).
 * </ul>
 *
 * The set-up and the self-checks are {@link GossipWorkload}'s, shared with the in-fork A/B harness
 * ({@link GossipInForkCost}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GossipBenchmarks {
  @State(Scope.Thread)
  public static class FirstCopies extends GossipWorkload.FirstCopy {
    @Setup(Level.Trial)
    public void setUp() {
      build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      finish();
    }
  }

  @State(Scope.Thread)
  public static class Duplicates extends GossipWorkload.Duplicate {
    @Setup(Level.Trial)
    public void setUp() {
      build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      finish();
    }
  }

  @State(Scope.Thread)
  public static class Publishes extends GossipWorkload.Publish {
    @Setup(Level.Trial)
    public void setUp() {
      build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      finish();
    }
  }

  @Benchmark
  public int receiveFirst(FirstCopies s) {
    return s.receive();
  }

  @Benchmark
  public int receiveDuplicate(Duplicates s) {
    return s.receive();
  }

  @Benchmark
  public CompletableFuture<?> publish(Publishes s) {
    return s.publish();
  }
}
