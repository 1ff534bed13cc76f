package dev.privacyagent.bench;

import io.libp2p.core.PeerId;
import io.libp2p.pubsub.DefaultPubsubMessage;
import java.time.Duration;
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
import pubsub.pb.Rpc;

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
 * Message ids recycle through a ring of {@value #RING}, long after the seen cache (TTL 2 s on the
 * simulated clock) forgot them, so that every first copy is a first copy.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GossipBenchmarks {
  static final int PEERS = 12;
  static final int TOPICS = 4;
  static final int RING = 8192;
  /** Well under the agent's 8,192 first-seen slots, so that duplicates find their first copy. */
  static final int DUPLICATE_RING = 2048;

  /** Origins of the received messages: other nodes of the network, not our direct peers. */
  private static PeerId[] origins(int n) {
    PeerId[] o = new PeerId[n];
    for (int i = 0; i < n; i++) {
      o[i] = PeerId.random();
    }
    return o;
  }

  @State(Scope.Thread)
  public static class FirstCopies {
    GossipNet net;
    byte[][] frames = new byte[RING][];
    int[] from = new int[RING];
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      AgentPresence.verify();
      net = new GossipNet(PEERS, TOPICS, Duration.ofSeconds(2));
      PeerId[] origins = origins(64);
      for (int i = 0; i < RING; i++) {
        Rpc.Message m = net.message(origins[i % origins.length], i, net.topics.get(i % TOPICS));
        frames[i] = GossipNet.frame(Rpc.RPC.newBuilder().addPublish(m).build());
        from[i] = (i * 7) % PEERS;
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      // every operation must have been a first copy handed to the application
      if (net.delivered != next) {
        throw new IllegalStateException(next + " first copies received but " + net.delivered + " delivered");
      }
      net.close();
    }
  }

  @State(Scope.Thread)
  public static class Duplicates {
    GossipNet net;
    byte[][] frames = new byte[DUPLICATE_RING][];
    int[] from = new int[DUPLICATE_RING];
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      AgentPresence.verify();
      // the clock does not move here: the first copies stay seen for the whole trial
      net = new GossipNet(PEERS, TOPICS, Duration.ofHours(1));
      PeerId[] origins = origins(64);
      for (int i = 0; i < DUPLICATE_RING; i++) {
        Rpc.Message m = net.message(origins[i % origins.length], i, net.topics.get(i % TOPICS));
        byte[] framed = GossipNet.frame(Rpc.RPC.newBuilder().addPublish(m).build());
        net.receive(0, framed);
        frames[i] = framed;
        from[i] = 1 + (i * 5) % (PEERS - 1);
      }
      if (net.delivered != DUPLICATE_RING) {
        throw new IllegalStateException("first copies not delivered: " + net.delivered);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      // a duplicate never reaches the application
      if (net.delivered != DUPLICATE_RING) {
        throw new IllegalStateException("duplicates delivered: " + (net.delivered - DUPLICATE_RING));
      }
      net.close();
    }
  }

  @State(Scope.Thread)
  public static class Publishes {
    GossipNet net;
    Rpc.Message[] messages = new Rpc.Message[RING];
    int next;
    long failed;

    @Setup(Level.Trial)
    public void setUp() {
      AgentPresence.verify();
      net = new GossipNet(PEERS, TOPICS, Duration.ofSeconds(2));
      for (int i = 0; i < RING; i++) {
        messages[i] = net.message(net.local, i, net.topics.get(i % TOPICS));
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (failed > 0) {
        throw new IllegalStateException(failed + " of " + next + " publishes failed");
      }
      net.close();
    }
  }

  @Benchmark
  public int receiveFirst(FirstCopies s) {
    int i = s.next++ & (RING - 1);
    s.net.receive(s.from[i], s.frames[i]);
    s.net.eventThread.advance(1);
    return i;
  }

  @Benchmark
  public int receiveDuplicate(Duplicates s) {
    int i = s.next++ & (DUPLICATE_RING - 1);
    s.net.receive(s.from[i], s.frames[i]);
    return i;
  }

  @Benchmark
  public CompletableFuture<?> publish(Publishes s) {
    int i = s.next++ & (RING - 1);
    CompletableFuture<?> f = s.net.router.publish(new DefaultPubsubMessage(s.messages[i]));
    if (!f.isDone() || f.isCompletedExceptionally()) {
      s.failed++; // all six sends complete within the call; anything else is not a publish
    }
    s.net.eventThread.advance(1);
    return f;
  }
}
