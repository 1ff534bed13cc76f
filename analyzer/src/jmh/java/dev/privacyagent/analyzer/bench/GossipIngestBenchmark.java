package dev.privacyagent.analyzer.bench;

import dev.privacyagent.analyzer.collect.CollectorConfig;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.event.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;

/**
 * Folding gossip events into the collector on one thread ({@code ingest}, as the drain thread
 * folds): the cost per received message and per own publish that decides whether the collector
 * keeps up with a mainnet-like 10,000 messages a second. Events cycle through 8,192 prepared
 * ones over 64 attestation topics and 200 peers (one GossipTopicStats per 500 messages); the
 * collector runs with its default 64 MiB cap. After each trial the gossip memory estimate and
 * the drop counters are printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class GossipIngestBenchmark {
  private static final int SIZE = 1 << 13;
  private static final String NODE = "12D3KooWBenchNode";

  private Event[] received;
  private Event[] published;
  private MetadataCollector collector;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Random rnd = new Random(1);
    List<Event> r = new ArrayList<>();
    List<Event> p = new ArrayList<>();
    long wall = 1_767_225_600_000L;
    for (int i = 0; i < SIZE; i++) {
      String topic = "/eth2/6a95a1a9/beacon_attestation_" + (i % 64) + "/ssz_snappy";
      String peer = "12D3KooWPeer" + rnd.nextInt(200);
      boolean first = i % 8 == 0;
      r.add(i % 500 == 499
          ? new GossipTopicStats(i, i, wall + i, NODE, topic, 10_000_000_000L, 500, 60, 440, 0, 0, 100_000, 1, 1, 0,
              60, 8, 20, 500)
          : new GossipMessageReceived(i, i, wall + i, NODE, topic, "m" + i, peer, 228, first, GossipValidation.VALID,
              first ? null : 3_000_000L));
      p.add(new GossipPublish(i, i, wall + i, NODE, topic, "own" + i, 228, 8,
          List.of("12D3KooWPeer1", "12D3KooWPeer2", "12D3KooWPeer3", "12D3KooWPeer4", "12D3KooWPeer5",
              "12D3KooWPeer6", "12D3KooWPeer7", "12D3KooWPeer8"), GossipPublishMode.FANOUT, 0, 0, 20, null));
    }
    received = r.toArray(new Event[0]);
    published = p.toArray(new Event[0]);
    collector = new MetadataCollector(CollectorConfig.defaults());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    var s = collector.snapshot();
    GossipView v = s.gossipOf(NODE);
    System.out.printf("%n[gossip] accepted %,d, memory estimate %,d of %,d cap bytes, evicted publish details %,d,"
            + " evicted peers %,d%n", s.counters().accepted(), s.counters().estimatedBytes(),
        s.counters().memoryCapBytes(), v == null ? 0 : v.counters().evictedPublishes(),
        v == null ? 0 : v.counters().evictedPeers());
  }

  @Benchmark
  public void receivedMessage() {
    collector.ingest(received[next++ & (SIZE - 1)]);
  }

  @Benchmark
  public void ownPublish() {
    collector.ingest(published[next++ & (SIZE - 1)]);
  }
}
