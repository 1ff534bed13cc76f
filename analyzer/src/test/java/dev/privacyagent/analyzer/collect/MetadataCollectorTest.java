package dev.privacyagent.analyzer.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.codec.Bounds;
import dev.privacyagent.analyzer.codec.ReadStats;
import dev.privacyagent.analyzer.event.*;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MetadataCollectorTest {

  @Test
  void aggregatesPerConnectionPeerProtocolAndPrefix() {
    Ev ev = new Ev();
    MetadataCollector c = new MetadataCollector();
    List<Event> events = List.of(
        new HostCreated(0, 0, 1000, Ev.NODE, Ev.NODE, null),
        ev.open(1000, "c1", "peerA", "/ip4/1.2.3.4/tcp/4001", Direction.OUTBOUND),
        ev.open(1001, "c2", "peerA", "/ip4/1.2.3.99/tcp/4001", Direction.INBOUND),
        ev.open(1002, "c3", "peerB", "/ip6/2001:db8:5::7/tcp/4001", Direction.INBOUND),
        ev.stream(1003, "s1", "c1"),
        ev.proto(1003, "s1", "/meshsub/1.1.0"),
        ev.streamClosed(1004, "s1", 100, 50),
        ev.stream(1005, "s2", "c2"),
        ev.proto(1005, "s2", "/meshsub/1.1.0"),
        ev.stream(1006, "s3", "c3"),
        ev.proto(1006, "s3", "/ipfs/ping/1.0.0"),
        ev.ping(1007, "c3", "peerB", 2_000_000),
        ev.ping(1008, "c3", "peerB", 4_000_000),
        ev.identify(1009, "c1", "peerA", "lighthouse/v5.1.0", List.of("/meshsub/1.1.0")),
        ev.sent(1010, "c1", "peerA"),
        ev.close(1011, "c1"));
    events.forEach(c::ingest);
    Snapshot s = c.snapshot();

    assertThat(s.counters().accepted()).isEqualTo(events.size());
    assertThat(s.localNodes()).containsExactly(Ev.NODE);
    assertThat(s.firstWallMillis()).isEqualTo(1000);
    assertThat(s.lastWallMillis()).isEqualTo(1011);
    assertThat(s.connections()).containsOnlyKeys(Ev.NODE + "/c1", Ev.NODE + "/c2", Ev.NODE + "/c3");
    ConnectionStats c1 = s.connections().get(Ev.NODE + "/c1");
    assertThat(c1.open()).isFalse();
    assertThat(c1.closedWallMillis()).isEqualTo(1011);
    assertThat(c1.streams()).isEqualTo(1);
    assertThat(c1.bytesIn()).isEqualTo(100);
    assertThat(c1.bytesOut()).isEqualTo(50);
    assertThat(s.connections().get(Ev.NODE + "/c3").pings()).isEqualTo(2);

    PeerStats a = s.peers().get("peerA");
    assertThat(a.remoteIps()).containsExactlyInAnyOrder("1.2.3.4", "1.2.3.99");
    assertThat(a.connectionsOpened()).isEqualTo(2);
    assertThat(a.connectionsOpen()).isEqualTo(1);
    assertThat(a.inbound()).isEqualTo(1);
    assertThat(a.outbound()).isEqualTo(1);
    assertThat(a.streams()).isEqualTo(2);
    assertThat(a.bytes()).isEqualTo(150);
    assertThat(a.agentVersion()).isEqualTo("lighthouse/v5.1.0");
    assertThat(a.protocols()).containsExactly("/meshsub/1.1.0");
    PeerStats b = s.peers().get("peerB");
    assertThat(b.pingCount()).isEqualTo(2);
    assertThat(b.meanPingNanos()).isEqualTo(3_000_000);
    assertThat(b.agentVersion()).isNull();

    assertThat(s.protocols()).isEqualTo(Map.of("/meshsub/1.1.0", 2L, "/ipfs/ping/1.0.0", 1L));
    assertThat(s.prefixes()).containsOnlyKeys("1.2.3.0/24", "2001:db8:5::/48");
    assertThat(s.prefixes().get("1.2.3.0/24")).isEqualTo(new PrefixStats("1.2.3.0/24", 1, 2));
    assertThat(s.disclosed()).containsOnlyKeys(Ev.NODE);
    assertThat(s.recentEvents()).hasSize(events.size());
    assertThat(s.recentEvents().get(0)).isEqualTo(events.get(0));
    assertThat(s.counters().estimatedBytes()).isPositive().isLessThan(s.counters().memoryCapBytes());
    assertThat(s.windowMillis()).isZero();
    assertThat(s.notes()).isEmpty();
  }

  @Test
  void aConnectionReportedTwiceCountsOnce() {
    Ev ev = new Ev();
    MetadataCollector c = new MetadataCollector();
    c.ingest(ev.open(1, "c1", "p", "/ip4/1.2.3.4/tcp/1", Direction.INBOUND));
    c.ingest(ev.open(2, "c1", "p", "/ip4/1.2.3.4/tcp/1", Direction.INBOUND));
    PeerStats p = c.snapshot().peers().get("p");
    assertThat(p.connectionsOpened()).isEqualTo(1);
    assertThat(p.connectionsOpen()).isEqualTo(1);
  }

  @Test
  void oversizedStringsAreCutOnTheWayIn() {
    MetadataCollector c = new MetadataCollector();
    c.ingest(new ConnectionClosed(1, 1, 1, "n", "x".repeat(1000), null));
    c.recordInput(new ReadStats(10, 7, 2, 1, 3, 4, Map.of("Foo", 1L), Map.of("PingRtt.x", 3L), List.of()));
    Snapshot s = c.snapshot();
    assertThat(((ConnectionClosed) s.recentEvents().get(0)).connId()).hasSize(Bounds.MAX_ID_CHARS);
    assertThat(s.counters().truncatedStrings()).isEqualTo(5);
    assertThat(s.counters().skippedLines()).isEqualTo(2);
    assertThat(s.counters().unknownTypes()).isEqualTo(1);
    assertThat(s.counters().unknownFields()).isEqualTo(3);
    assertThat(s.notes()).contains("unknown event type 'Foo' on 1 line(s), not analysed");
  }

  @Test
  void rawEventRingKeepsTheNewestAndCountsOverwrites() {
    MetadataCollector c = new MetadataCollector(CollectorConfig.defaults().withRingCapacity(100));
    Ev ev = new Ev();
    for (int i = 0; i < 250; i++) {
      c.ingest(ev.ping(i, "c", "p", 1));
    }
    Snapshot s = c.snapshot();
    assertThat(s.recentEvents()).hasSize(100);
    assertThat(s.recentEvents().get(0).wallMillis()).isEqualTo(150);
    assertThat(s.recentEvents().get(99).wallMillis()).isEqualTo(249);
    assertThat(s.counters().evictedEvents()).isEqualTo(150);
  }

  @Test
  void evictsOldestClosedStateUnderATinyCapAndCountsIt() {
    long cap = 256 * 1024;
    MetadataCollector c = new MetadataCollector(CollectorConfig.defaults().withMemoryCap(cap));
    Ev ev = new Ev();
    // one long-lived connection that must survive, then many short-lived ones
    c.ingest(ev.open(0, "keep", "keeper", "/ip4/9.9.9.9/tcp/1", Direction.OUTBOUND));
    int n = 5000;
    for (int i = 0; i < n; i++) {
      String conn = "c" + i;
      String peer = "peer-" + i;
      c.ingest(ev.open(i + 1, conn, peer, "/ip4/100." + (i % 200) + "." + (i / 200) + ".1/tcp/4001", Direction.INBOUND));
      c.ingest(ev.stream(i + 1, "s" + i, conn));
      c.ingest(ev.streamClosed(i + 1, "s" + i, 10, 10));
      c.ingest(ev.close(i + 2, conn));
    }
    Snapshot s = c.snapshot();
    CollectorCounters k = s.counters();
    assertThat(k.evictedConnections()).isPositive();
    assertThat(k.evictedPeers()).isPositive();
    assertThat(k.estimatedBytes()).isLessThanOrEqualTo(cap);
    assertThat(k.memoryCapBytes()).isEqualTo(cap);
    assertThat(s.connections().size()).isEqualTo(n + 1 - k.evictedConnections());
    assertThat(s.peers().size()).isEqualTo(n + 1 - k.evictedPeers());
    assertThat(s.connections()).containsKey(Ev.NODE + "/keep");
    assertThat(s.peers()).containsKey("keeper");
    // the newest closed connection is still there: eviction takes the oldest first
    assertThat(s.connections()).containsKey(Ev.NODE + "/c" + (n - 1));
    assertThat(s.connections()).doesNotContainKey(Ev.NODE + "/c0");
    assertThat(k.evictedPrefixes()).isPositive();
    assertThat(s.prefixes()).containsKey("9.9.9.0/24");
    assertThat(k.totalDropped()).isEqualTo(k.evictedConnections() + k.evictedPeers() + k.evictedPrefixes());
  }

  @Test
  void windowAggregatesOnlyTheLastStretchOfEventTime() {
    Ev ev = new Ev();
    MetadataCollector c = new MetadataCollector(CollectorConfig.defaults().withWindow(Duration.ofSeconds(60)));
    c.ingest(ev.open(0, "old", "oldPeer", "/ip4/1.1.1.1/tcp/1", Direction.OUTBOUND));
    c.ingest(ev.identify(1, "old", "oldPeer", "nimbus/v24", List.of("/a")));
    c.ingest(ev.stream(2, "s-old", "old"));
    c.ingest(ev.close(3_000, "old"));
    c.ingest(ev.open(10, "long", "longPeer", "/ip4/2.2.2.2/tcp/1", Direction.INBOUND));
    c.ingest(ev.identify(11, "long", "longPeer", "teku/v24", List.of("/b")));
    for (int i = 0; i < 5; i++) {
      c.ingest(ev.stream(100_000 + i * 1000, "s" + i, "long"));
    }
    c.ingest(ev.open(120_000, "silent", "silentPeer", "/ip4/3.3.3.3/tcp/1", Direction.INBOUND));
    c.ingest(ev.stream(200_000, "s-last", "long"));

    Snapshot s = c.snapshot();
    assertThat(s.windowMillis()).isEqualTo(60_000);
    assertThat(s.firstWallMillis()).isGreaterThanOrEqualTo(200_000 - 60_000);
    assertThat(s.peers()).containsOnlyKeys("longPeer", "silentPeer");
    PeerStats lp = s.peers().get("longPeer");
    assertThat(lp.streams()).isEqualTo(1); // only s-last lies in the window
    assertThat(lp.connectionsOpen()).isEqualTo(1);
    assertThat(lp.agentVersion()).isEqualTo("teku/v24"); // identify from before the window
    assertThat(s.connections()).containsOnlyKeys(Ev.NODE + "/long", Ev.NODE + "/silent");
    assertThat(s.recentEvents()).allSatisfy(e -> assertThat(e.wallMillis()).isGreaterThanOrEqualTo(140_000));
    // whole-run counters still count everything
    assertThat(s.counters().accepted()).isEqualTo(13);
  }

  @Test
  void eventsWithMissingIdsFromALiveSourceDoNotBreakTheSnapshot() {
    MetadataCollector c = new MetadataCollector();
    c.offer(new HostCreated(1, 1, 1, null, null, null));
    c.offer(new ConnectionOpened(2, 2, 2, null, "c1", null, null, null, null, Direction.UNKNOWN, null, null, null, false));
    c.offer(new ConnectionOpened(3, 3, 3, "n", null, "n", "p", null, "/ip4/1.2.3.4/tcp/1", Direction.INBOUND, null, null, null, false));
    c.offer(new StreamOpened(4, 4, 4, null, null, "c1", Direction.INBOUND));
    c.offer(new StreamOpened(5, 5, 5, null, "s1", "c1", Direction.INBOUND));
    c.offer(new ProtocolNegotiated(6, 6, 6, null, "s1", null));
    c.offer(new PingRtt(7, 7, 7, null, "c1", null, 5));
    c.offer(new IdentifyReceived(8, 8, 8, null, null, null, null, null, List.of(), null, List.of()));
    c.offer(new IdentifySent(9, 9, 9, null, null, null, null, null, List.of(), null, List.of()));
    Snapshot s = c.snapshot();
    assertThat(s.counters().accepted()).isEqualTo(9);
    assertThat(s.localNodes()).contains("(unknown)", "n");
    assertThat(s.connections()).containsOnlyKeys("(unknown)/c1");
    PeerStats unknown = s.peers().get("(unknown)");
    assertThat(unknown.streams()).isEqualTo(1);
    assertThat(unknown.pingCount()).isEqualTo(1);
    assertThat(s.protocols()).isEmpty();
    assertThat(s.disclosed()).containsOnlyKeys("(unknown)");
    assertThat(s.recentEvents()).hasSize(9);
  }

  @Test
  void aWindowLongerThanTheRingReachesIsNoted() {
    MetadataCollector c = new MetadataCollector(
        CollectorConfig.defaults().withRingCapacity(16).withWindow(Duration.ofHours(1)));
    Ev ev = new Ev();
    for (int i = 0; i < 100; i++) {
      c.ingest(ev.ping(i * 1000L, "c", "p", 1));
    }
    Snapshot s = c.snapshot();
    assertThat(s.notes()).anySatisfy(n -> assertThat(n).contains("reaches back before the oldest of the 16 raw events"));
    assertThat(s.recentEvents()).hasSize(16);
  }

  @Test
  void offerWithoutADrainThreadIsFoldedBySnapshot() {
    MetadataCollector c = new MetadataCollector(CollectorConfig.defaults().withQueueCapacity(8));
    Ev ev = new Ev();
    int accepted = 0;
    for (int i = 0; i < 20; i++) {
      if (c.offer(ev.ping(i, "c", "p", 1))) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(8);
    Snapshot s = c.snapshot();
    assertThat(s.counters().accepted()).isEqualTo(8);
    assertThat(s.counters().droppedQueueFull()).isEqualTo(12);
    assertThat(s.counters().totalDropped()).isEqualTo(12);
    c.accept(ev.ping(99, "c", "p", 1));
    assertThat(c.snapshot().counters().accepted()).isEqualTo(9);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentProducersAreAllAccountedForExactly() throws Exception {
    // a small queue so that some offers fail while the drain thread runs
    MetadataCollector c = new MetadataCollector(CollectorConfig.defaults().withQueueCapacity(256)).start();
    int producers = 3;
    int perProducer = 200_000;
    AtomicLong acceptedByOffer = new AtomicLong();
    CountDownLatch go = new CountDownLatch(1);
    Thread[] threads = new Thread[producers];
    for (int t = 0; t < producers; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        Ev ev = new Ev();
        long ok = 0;
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perProducer; i++) {
          if (c.offer(ev.ping(i, "c" + id, "peer" + id, 1))) {
            ok++;
          }
        }
        acceptedByOffer.addAndGet(ok);
      });
      threads[t].start();
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    c.close();
    Snapshot s = c.snapshot();
    long offered = (long) producers * perProducer;
    assertThat(s.counters().accepted() + s.counters().droppedQueueFull()).isEqualTo(offered);
    assertThat(s.counters().accepted()).isEqualTo(acceptedByOffer.get());
    long pings = s.peers().values().stream().mapToLong(PeerStats::pingCount).sum();
    assertThat(pings).isEqualTo(acceptedByOffer.get());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void nothingIsLostWhenProducersRetryAndSnapshotsRunConcurrently() throws Exception {
    MetadataCollector c = new MetadataCollector(CollectorConfig.defaults().withQueueCapacity(64)).start();
    int perProducer = 100_000;
    Thread[] threads = new Thread[2];
    for (int t = 0; t < 2; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        Ev ev = new Ev();
        for (int i = 0; i < perProducer; i++) {
          Event e = ev.ping(i, "c" + id, "peer" + id, 1);
          while (!c.offer(e)) {
            Thread.onSpinWait();
          }
        }
      });
      threads[t].start();
    }
    for (int i = 0; i < 20; i++) {
      Snapshot mid = c.snapshot();
      assertThat(mid.counters().accepted()).isLessThanOrEqualTo(2L * perProducer);
    }
    for (Thread t : threads) {
      t.join();
    }
    c.close();
    Snapshot s = c.snapshot();
    assertThat(s.counters().accepted()).isEqualTo(2L * perProducer);
    assertThat(s.peers().get("peer0").pingCount()).isEqualTo(perProducer);
    assertThat(s.peers().get("peer1").pingCount()).isEqualTo(perProducer);
  }
}
