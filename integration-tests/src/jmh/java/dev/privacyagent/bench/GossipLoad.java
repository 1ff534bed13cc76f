package dev.privacyagent.bench;

import dev.privacyagent.sample.gossip.ContentIdMessage;
import dev.privacyagent.sample.gossip.NoSignFieldValidator;
import io.libp2p.core.Host;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.core.pubsub.MessageApi;
import io.libp2p.core.pubsub.PubsubApiKt;
import io.libp2p.core.pubsub.PubsubPublisherApi;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.pubsub.FastIdSeenCache;
import io.libp2p.pubsub.PubsubProtocol;
import io.libp2p.pubsub.TTLSeenCache;
import io.libp2p.pubsub.gossip.Gossip;
import io.libp2p.pubsub.gossip.GossipParams;
import io.libp2p.pubsub.gossip.GossipRouter;
import io.libp2p.pubsub.gossip.builders.GossipRouterBuilder;
import io.libp2p.security.noise.NoiseXXSecureChannel;
import io.libp2p.transport.tcp.TcpTransport;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The gossip-heavy child JVM of {@link OverheadHarness}: {@value #NODES} test-host nodes in one
 * JVM, all connected over loopback TCP with Noise and yamux, each set up as Teku sets up gossip
 * (StrictNoSign, content ids, D = 8), all subscribed to {@value #TOPICS} attestation-like topics.
 * Every node publishes 192-byte messages round-robin over the topics as fast as the network takes
 * them: a publisher keeps at most {@value #WINDOW} of its messages in flight (published but not yet
 * delivered to every other node), so the rate is the highest the test host sustains. Every node
 * receives every other node's messages, first copies and duplicates, through the router.
 *
 * <pre>
 * throughput WARMUP MESSAGES   WARMUP messages per node, then MESSAGES per node timed; prints
 *                              RESULT published=N delivered=D nanos=T cpuNanos=C failures=F
 * </pre>
 */
public final class GossipLoad {
  static final int NODES = 4;
  static final int TOPICS = 4;
  static final int WINDOW = 32;
  static final int DATA_BYTES = 192;
  private static final long TIMEOUT_S = 120;

  private final List<Host> hosts = new ArrayList<>();
  private final List<GossipRouter> routers = new ArrayList<>();
  private final List<PubsubPublisherApi> publishers = new ArrayList<>();
  private final List<Topic> topics = new ArrayList<>();
  /** [receiver * NODES + publisher]: messages of publisher delivered to receiver's application. */
  private final AtomicLongArray delivered = new AtomicLongArray(NODES * NODES);
  private final AtomicLong failures = new AtomicLong();

  private GossipLoad() {
    for (int t = 0; t < TOPICS; t++) {
      topics.add(new Topic("/eth2/00000000/beacon_attestation_" + t + "/ssz_snappy"));
    }
  }

  public static void main(String[] args) throws Exception {
    System.out.println("MAIN " + java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
    if (args.length != 3 || !"throughput".equals(args[0])) {
      System.err.println("usage: GossipLoad throughput WARMUP MESSAGES");
      System.exit(2);
    }
    GossipLoad load = new GossipLoad();
    int code;
    try {
      load.start();
      code = load.throughput(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    } finally {
      load.stop();
    }
    System.out.flush();
    System.exit(code);
  }

  private void start() throws Exception {
    for (int i = 0; i < NODES; i++) {
      GossipRouterBuilder rb = new GossipRouterBuilder();
      rb.setProtocol(PubsubProtocol.Gossip_V_1_2);
      rb.setParams(GossipParams.builder().D(8).DLow(6).DHigh(12).DLazy(6).heartbeatInterval(Duration.ofMillis(700))
          .build());
      rb.setMessageFactory(ContentIdMessage::new);
      rb.setMessageValidator(new NoSignFieldValidator());
      rb.setSeenCache(new TTLSeenCache<>(new FastIdSeenCache<>(m -> new io.libp2p.etc.types.WBytes(m.messageSha256())),
          Duration.ofSeconds(120), rb.getCurrentTimeSupplier()));
      GossipRouter router = rb.build();
      Gossip gossip = new Gossip(router, PubsubApiKt.createPubsubApi(router), null);
      int receiver = i;
      gossip.subscribe((MessageApi m) -> {
        int origin = m.getData().getByte(m.getData().readerIndex());
        delivered.incrementAndGet(receiver * NODES + origin);
        return PubsubApiKt.getRESULT_VALID();
      }, topics.toArray(new Topic[0]));
      Host host = new HostBuilder()
          .transport(TcpTransport::new)
          .secureChannel(NoiseXXSecureChannel::new)
          .muxer(StreamMuxerProtocol::getYamux)
          .protocol(gossip)
          .listen("/ip4/127.0.0.1/tcp/0")
          .build();
      host.start().get(TIMEOUT_S, TimeUnit.SECONDS);
      hosts.add(host);
      routers.add(router);
      publishers.add(gossip.createPublisher(null, () -> null));
    }
    for (int i = 0; i < NODES; i++) {
      for (int j = i + 1; j < NODES; j++) {
        Multiaddr addr = hosts.get(j).listenAddresses().get(0).withP2P(hosts.get(j).getPeerId());
        hosts.get(i).getNetwork().connect(addr).get(TIMEOUT_S, TimeUnit.SECONDS);
      }
    }
    // the meshes form at the heartbeats; until then a publish may find no peer
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (!meshed()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("gossip meshes did not form");
      }
      Thread.sleep(50);
    }
    System.out.println("READY");
  }

  private boolean meshed() throws Exception {
    for (GossipRouter r : routers) {
      int peers = r.submitOnEventThread(() -> r.getMesh().values().stream().mapToInt(java.util.Set::size).min().orElse(0))
          .get(TIMEOUT_S, TimeUnit.SECONDS);
      if (peers < NODES - 1 || r.getMesh().size() < TOPICS) {
        return false;
      }
    }
    return true;
  }

  private void stop() throws Exception {
    for (Host h : hosts) {
      h.stop().get(TIMEOUT_S, TimeUnit.SECONDS);
    }
    for (GossipRouter r : routers) {
      r.shutdown();
    }
  }

  /** Fewest messages of {@code publisher} any other node has received. */
  private long minDelivered(int publisher) {
    long min = Long.MAX_VALUE;
    for (int r = 0; r < NODES; r++) {
      if (r != publisher) {
        min = Math.min(min, delivered.get(r * NODES + publisher));
      }
    }
    return min;
  }

  private long totalDelivered() {
    long n = 0;
    for (int i = 0; i < delivered.length(); i++) {
      n += delivered.get(i);
    }
    return n;
  }

  /** Each node's publisher thread publishes {@code count} messages, numbered from {@code from}. */
  private void publishAll(long from, int count) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S * 4);
    for (int p = 0; p < NODES; p++) {
      int publisher = p;
      Thread t = new Thread(() -> {
        byte[] data = new byte[DATA_BYTES];
        for (long k = from; k < from + count; k++) {
          while (k - minDelivered(publisher) >= WINDOW) {
            if (System.nanoTime() > deadline) {
              failures.incrementAndGet();
              return;
            }
            LockSupport.parkNanos(20_000);
          }
          data[0] = (byte) publisher;
          ByteBuffer.wrap(data, 1, 8).putLong(k);
          publishers.get(publisher).publish(Unpooled.wrappedBuffer(data.clone()), topics.get((int) (k % TOPICS)))
              .whenComplete((u, e) -> {
                if (e != null) {
                  failures.incrementAndGet();
                }
              });
        }
      }, "publisher-" + p);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_S * 4));
    }
    // every message reaches every other node before the phase ends
    long expected = (from + count) * NODES * (NODES - 1);
    while (totalDelivered() < expected && System.nanoTime() < deadline && failures.get() == 0) {
      LockSupport.parkNanos(100_000);
    }
  }

  private int throughput(int warmup, int messages) throws InterruptedException {
    publishAll(0, warmup);
    java.util.Map<String, Long> threads0 = StreamWorkload.cpuByThreadGroup();
    long cpu0 = StreamWorkload.processCpuNanos();
    long delivered0 = totalDelivered();
    long t0 = System.nanoTime();
    publishAll(warmup, messages);
    long nanos = System.nanoTime() - t0;
    long cpu = StreamWorkload.processCpuNanos() - cpu0;
    long deliveredTimed = totalDelivered() - delivered0;
    java.util.Map<String, Long> threads1 = StreamWorkload.cpuByThreadGroup();
    StringBuilder perThread = new StringBuilder("THREADS cpu ms during the measured messages:");
    threads1.forEach((name, ns) -> {
      long d = (ns - threads0.getOrDefault(name, 0L)) / 1_000_000;
      if (d > 0) {
        perThread.append(' ').append(name).append('=').append(d);
      }
    });
    System.out.println(perThread);
    long expected = (long) messages * NODES * (NODES - 1);
    System.out.println("RESULT published=" + (long) messages * NODES + " delivered=" + deliveredTimed + " nanos=" + nanos
        + " cpuNanos=" + cpu + " failures=" + failures.get());
    return failures.get() == 0 && deliveredTimed == expected ? 0 : 1;
  }
}
