package dev.privacyagent.bench;

import io.libp2p.core.PeerId;
import io.libp2p.pubsub.DefaultPubsubMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import pubsub.pb.Rpc;

/**
 * The three gossip workloads on a {@link GossipNet} (12 peers, 4 topics, a mesh of 6 per topic),
 * shared by the JMH states of {@link GossipBenchmarks} (one per fork, with or without the agent)
 * and by {@link GossipInForkChild} (all three in one JVM, the agent switched on and off between
 * blocks), so that both measure the same operations with the same self-checks.
 *
 * <p>Message ids recycle through a ring of {@value #RING}, long after the seen cache (TTL 2 s on
 * the simulated clock) forgot them, so that every first copy is a first copy.
 */
abstract class GossipWorkload {
  static final int PEERS = 12;
  static final int TOPICS = 4;
  static final int RING = 8192;
  /** Well under the agent's 8,192 first-seen slots, so that duplicates find their first copy. */
  static final int DUPLICATE_RING = 2048;

  GossipNet net;
  int next;

  /** Builds the node and the inputs; fails when the agent's presence is not what was asked for. */
  abstract void build();

  /** One operation (the in-fork harness drives every workload through this). */
  abstract int step();

  /** Throws unless every operation so far did what it should. */
  abstract void check();

  /** How many messages one operation hands to the router's event listeners. */
  abstract int deliveriesPerOp();

  abstract String name();

  final void finish() {
    try {
      check();
    } finally {
      net.close();
    }
  }

  /** Origins of the received messages: other nodes of the network, not our direct peers. */
  private static PeerId[] origins(int n) {
    PeerId[] o = new PeerId[n];
    for (int i = 0; i < n; i++) {
      o[i] = PeerId.random();
    }
    return o;
  }

  /**
   * An RPC carrying a message our node has not seen, from one of the peers, as wire bytes; one
   * simulated millisecond passes per message, so the heartbeat runs every 1,000.
   */
  static class FirstCopy extends GossipWorkload {
    final byte[][] frames = new byte[RING][];
    final int[] from = new int[RING];

    @Override
    void build() {
      AgentPresence.verify();
      net = new GossipNet(PEERS, TOPICS, Duration.ofSeconds(2));
      PeerId[] origins = origins(64);
      for (int i = 0; i < RING; i++) {
        Rpc.Message m = net.message(origins[i % origins.length], i, net.topics.get(i % TOPICS));
        frames[i] = GossipNet.frame(Rpc.RPC.newBuilder().addPublish(m).build());
        from[i] = (i * 7) % PEERS;
      }
    }

    final int receive() {
      int i = next++ & (RING - 1);
      net.receive(from[i], frames[i]);
      net.eventThread.advance(1);
      return i;
    }

    @Override
    int step() {
      return receive();
    }

    @Override
    void check() {
      // every operation must have been a first copy handed to the application
      if (net.delivered != next) {
        throw new IllegalStateException(next + " first copies received but " + net.delivered + " delivered");
      }
    }

    @Override
    int deliveriesPerOp() {
      return 1;
    }

    @Override
    String name() {
      return "receiveFirst";
    }
  }

  /** An RPC carrying a message our node already has, from another peer. */
  static class Duplicate extends GossipWorkload {
    final byte[][] frames = new byte[DUPLICATE_RING][];
    final int[] from = new int[DUPLICATE_RING];

    @Override
    void build() {
      AgentPresence.verify();
      // the clock does not move here: the first copies stay seen for the whole run
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

    final int receive() {
      int i = next++ & (DUPLICATE_RING - 1);
      net.receive(from[i], frames[i]);
      return i;
    }

    @Override
    int step() {
      return receive();
    }

    @Override
    void check() {
      // a duplicate never reaches the application
      if (net.delivered != DUPLICATE_RING) {
        throw new IllegalStateException("duplicates delivered: " + (net.delivered - DUPLICATE_RING));
      }
    }

    @Override
    int deliveriesPerOp() {
      return 1;
    }

    @Override
    String name() {
      return "receiveDuplicate";
    }
  }

  /** {@code publish(PubsubMessage)} of our own new message on a subscribed topic. */
  static class Publish extends GossipWorkload {
    final Rpc.Message[] messages = new Rpc.Message[RING];
    long failed;

    @Override
    void build() {
      AgentPresence.verify();
      net = new GossipNet(PEERS, TOPICS, Duration.ofSeconds(2));
      for (int i = 0; i < RING; i++) {
        messages[i] = net.message(net.local, i, net.topics.get(i % TOPICS));
      }
    }

    final CompletableFuture<?> publish() {
      int i = next++ & (RING - 1);
      CompletableFuture<?> f = net.router.publish(new DefaultPubsubMessage(messages[i]));
      if (!f.isDone() || f.isCompletedExceptionally()) {
        failed++; // all six sends complete within the call; anything else is not a publish
      }
      net.eventThread.advance(1);
      return f;
    }

    @Override
    int step() {
      return publish().isDone() ? 1 : 0;
    }

    @Override
    void check() {
      if (failed > 0) {
        throw new IllegalStateException(failed + " of " + next + " publishes failed");
      }
    }

    @Override
    int deliveriesPerOp() {
      return 0; // our own message does not pass the listeners' delivery callbacks
    }

    @Override
    String name() {
      return "publish";
    }
  }
}
