package dev.privacyagent.e2e;

import io.libp2p.core.Host;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.core.pubsub.MessageApi;
import io.libp2p.core.pubsub.PubsubApiKt;
import io.libp2p.core.pubsub.PubsubPublisherApi;
import io.libp2p.core.pubsub.PubsubSubscription;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.pubsub.PubsubApiImpl;
import io.libp2p.pubsub.gossip.Gossip;
import io.libp2p.pubsub.gossip.GossipParams;
import io.libp2p.pubsub.gossip.GossipRouter;
import io.libp2p.pubsub.gossip.builders.GossipRouterBuilder;
import io.libp2p.security.noise.NoiseXXSecureChannel;
import io.libp2p.transport.tcp.TcpTransport;
import io.netty.buffer.Unpooled;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small Ethereum-like gossip network in one JVM, for the agent's end-to-end tests: four test-host
 * nodes on 127.0.0.1, all connected, each subscribed to the block topic and its two long-lived
 * attestation subnets (relays to all eight). Every round the "leaky" node subscribes to a duty
 * subnet outside its long-lived ones just before it publishes there and unsubscribes right after;
 * the "careful" node publishes only on its long-lived subnets; the relays publish blocks. It prints
 * its ground truth as JSON lines on stdout: every subscription change, every publish, and at the
 * end each node's deliveries per topic and its meshes.
 *
 * <p>Arguments: {@code rounds=N} (default 20), {@code interval=ms} (default 200),
 * {@code go=FILE} (after the network is up, wait until FILE exists, at most 60 s: the attach test
 * attaches meanwhile).
 */
public final class GossipWorkload {
  static final String PREFIX = "/eth2/00000000/";
  static final String BLOCK = PREFIX + "beacon_block/ssz_snappy";

  static String subnet(int i) {
    return PREFIX + "beacon_attestation_" + i + "/ssz_snappy";
  }

  static final PrintStream OUT = System.out;

  static synchronized void truth(String json) {
    OUT.println(json);
    OUT.flush();
  }

  static final class Node {
    final String role;
    final Host host;
    final Gossip gossip;
    final GossipRouter router;
    final PubsubPublisherApi publisher;
    final Map<String, PubsubSubscription> subs = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> delivered = new ConcurrentHashMap<>();
    long seq = 1;

    Node(String role) throws Exception {
      this.role = role;
      GossipRouterBuilder rb = new GossipRouterBuilder();
      rb.setParams(GossipParams.builder().heartbeatInterval(Duration.ofMillis(200)).build());
      router = rb.build();
      gossip = new Gossip(router, new PubsubApiImpl(router), null);
      host = new HostBuilder(HostBuilder.DefaultMode.None)
          .transport(TcpTransport::new)
          .secureChannel(NoiseXXSecureChannel::new)
          .muxer(StreamMuxerProtocol::getYamux)
          .protocol(gossip)
          .listen("/ip4/127.0.0.1/tcp/0")
          .build();
      host.start().get(10, TimeUnit.SECONDS);
      publisher = gossip.createPublisher(host.getPrivKey(), 1L);
      truth("{\"event\":\"node\",\"role\":\"" + role + "\",\"peerId\":\"" + id() + "\"}");
    }

    String id() {
      return host.getPeerId().toBase58();
    }

    void subscribe(String topic) {
      subs.computeIfAbsent(topic, t -> {
        truth("{\"event\":\"subscribe\",\"node\":\"" + id() + "\",\"topic\":\"" + t + "\"}");
        return gossip.subscribe((MessageApi m) -> {
          delivered.computeIfAbsent(t, k -> new AtomicLong()).incrementAndGet();
          return PubsubApiKt.getRESULT_VALID();
        }, new Topic(t));
      });
    }

    void unsubscribe(String topic) {
      PubsubSubscription s = subs.remove(topic);
      if (s != null) {
        truth("{\"event\":\"unsubscribe\",\"node\":\"" + id() + "\",\"topic\":\"" + topic + "\"}");
        s.unsubscribe();
      }
    }

    void publish(String topic, int size) throws Exception {
      publish(topic, size, "publish");
    }

    void publish(String topic, int size, String event) throws Exception {
      byte[] data = new byte[size];
      byte[] tag = (role + "-" + seq).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(tag, 0, data, 0, Math.min(tag.length, size));
      boolean ok = true;
      try {
        publisher.publish(Unpooled.wrappedBuffer(data), new Topic(topic)).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        ok = false;
      }
      seq++;
      truth("{\"event\":\"" + event + "\",\"node\":\"" + id() + "\",\"topic\":\"" + topic + "\",\"size\":" + size
          + ",\"ok\":" + ok + "}");
    }

    void summary() throws Exception {
      Map<String, Set<String>> mesh = router.submitOnEventThread(() -> {
        Map<String, Set<String>> m = new HashMap<>();
        router.getMesh().forEach((t, peers) -> {
          Set<String> ids = new java.util.TreeSet<>();
          peers.forEach(p -> ids.add(p.getPeerId().toBase58()));
          m.put(t, ids);
        });
        return m;
      }).get(5, TimeUnit.SECONDS);
      for (var e : mesh.entrySet()) {
        truth("{\"event\":\"mesh\",\"node\":\"" + id() + "\",\"topic\":\"" + e.getKey() + "\",\"peers\":["
            + String.join(",", e.getValue().stream().map(p -> "\"" + p + "\"").toList()) + "]}");
      }
      for (var e : delivered.entrySet()) {
        truth("{\"event\":\"delivered\",\"node\":\"" + id() + "\",\"topic\":\"" + e.getKey() + "\",\"count\":"
            + e.getValue().get() + "}");
      }
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (String arg : args) {
      int i = arg.indexOf('=');
      a.put(arg.substring(0, i), arg.substring(i + 1));
    }
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "20"));
    long interval = Long.parseLong(a.getOrDefault("interval", "200"));
    String go = a.get("go");
    Node careful = new Node("careful");
    Node leaky = new Node("leaky");
    Node relay1 = new Node("relay");
    Node relay2 = new Node("relay");
    List<Node> all = List.of(careful, leaky, relay1, relay2);
    for (Node n : all) {
      n.subscribe(BLOCK);
    }
    careful.subscribe(subnet(0));
    careful.subscribe(subnet(1));
    leaky.subscribe(subnet(2));
    leaky.subscribe(subnet(3));
    for (Node r : List.of(relay1, relay2)) {
      for (int i = 0; i < 8; i++) {
        r.subscribe(subnet(i));
      }
    }
    List<Node> order = new ArrayList<>(all);
    for (int i = 0; i < order.size(); i++) {
      for (int j = i + 1; j < order.size(); j++) {
        order.get(i).host.getNetwork().connect(order.get(j).host.getPeerId(),
            order.get(j).host.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
      }
    }
    Thread.sleep(1500); // meshes form within a few 200 ms heartbeats
    truth("{\"event\":\"ready\"}");
    if (go != null) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!java.nio.file.Files.exists(java.nio.file.Path.of(go)) && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      // an attached agent finds each router at its first hook and adds its listener a moment
      // later: one block from every node wakes them all; its deliveries are not in the counts
      for (Node n : all) {
        n.publish(BLOCK, 100, "warm");
      }
      Thread.sleep(1000);
      for (Node n : all) {
        n.delivered.clear();
      }
    }
    truth("{\"event\":\"rounds\",\"wallMillis\":" + System.currentTimeMillis() + "}");
    for (int r = 0; r < rounds; r++) {
      careful.publish(subnet(r % 2), 200);
      int duty = 4 + r % 4; // never one of the leaky node's long-lived subnets (2, 3)
      leaky.subscribe(subnet(duty));
      Thread.sleep(interval / 2);
      leaky.publish(subnet(duty), 200);
      leaky.unsubscribe(subnet(duty));
      (r % 2 == 0 ? relay1 : relay2).publish(BLOCK, 1000);
      Thread.sleep(interval / 2);
    }
    Thread.sleep(1000); // deliveries and duplicates settle
    for (Node n : all) {
      n.summary();
    }
    truth("{\"event\":\"done\"}");
    for (Node n : all) {
      n.host.stop().get(10, TimeUnit.SECONDS);
    }
    System.exit(0);
  }
}
