package dev.privacyagent.e2e;

import io.libp2p.core.Host;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.core.pubsub.MessageApi;
import io.libp2p.core.pubsub.PubsubApiKt;
import io.libp2p.core.pubsub.PubsubPublisherApi;
import io.libp2p.core.pubsub.PubsubSubscription;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.core.pubsub.ValidationResult;
import io.libp2p.pubsub.PubsubApiImpl;
import io.libp2p.pubsub.gossip.Gossip;
import io.libp2p.pubsub.gossip.GossipParams;
import io.libp2p.pubsub.gossip.GossipRouter;
import io.libp2p.pubsub.gossip.GossipScoreParams;
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
 * Every node also subscribes to a validation topic on which one relay publishes messages that
 * ask their subscribers for each result (Valid, Invalid, Ignore; at once or 30 ms later). With
 * {@code js=DIR} a js-libp2p gossipsub peer (DIR/peer.mjs) takes part: every node connects to it,
 * it subscribes to the block topic and subnet 1 and publishes on them every round; its own lines
 * are in the ground truth as {@code {"event":"js","data":{...}}}.
 *
 * <p>Arguments: {@code rounds=N} (default 20), {@code interval=ms} (default 200),
 * {@code go=FILE} (after the network is up, wait until FILE exists, at most 60 s: the attach test
 * attaches meanwhile), {@code js=DIR}.
 */
public final class GossipWorkload {
  static final String PREFIX = "/eth2/00000000/";
  static final String BLOCK = PREFIX + "beacon_block/ssz_snappy";
  /**
   * Every node subscribes; one relay publishes on it, and each message's first bytes tell the
   * subscribers what to answer, at once or later: the capture must show each real result.
   */
  static final String VALIDATION = PREFIX + "voluntary_exit/ssz_snappy";
  static final List<String> KINDS = List.of("sync-ignore", "async-valid", "async-invalid", "async-ignore",
      "sync-invalid");
  /** The js peer's topics: its subscriptions, mesh membership and deliveries are checked. */
  static final List<String> JS_TOPICS = List.of(BLOCK, subnet(1));
  /** Completes the asynchronous validations, as an application's own validation thread would. */
  static final java.util.concurrent.ScheduledExecutorService LATER =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "validation");
        t.setDaemon(true);
        return t;
      });

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
    final Map<String, AtomicLong> validated = new ConcurrentHashMap<>();
    long seq = 1;

    Node(String role) throws Exception {
      this.role = role;
      GossipRouterBuilder rb = new GossipRouterBuilder();
      rb.setParams(GossipParams.builder().heartbeatInterval(Duration.ofMillis(200)).build());
      // the validation topic's Invalid answers would cost the publishing relay its score, and with
      // it its place in every mesh and publish: this network does not score
      GossipScoreParams score = new GossipScoreParams();
      rb.setScoreParams(new GossipScoreParams(0, score.getGraylistThreshold(), score.getPublishThreshold(),
          score.getGossipThreshold()));
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
          return t.equals(VALIDATION) ? validate(m) : PubsubApiKt.getRESULT_VALID();
        }, new Topic(t));
      });
    }

    /** The answer the message asks for (its first bytes name one of {@link #KINDS}), counted. */
    java.util.concurrent.CompletableFuture<ValidationResult> validate(MessageApi m) {
      String kind = m.getData().toString(StandardCharsets.UTF_8);
      ValidationResult r = kind.contains("ignore") ? ValidationResult.Ignore
          : kind.contains("invalid") ? ValidationResult.Invalid : ValidationResult.Valid;
      validated.computeIfAbsent(r.name(), k -> new AtomicLong()).incrementAndGet();
      if (kind.startsWith("sync")) {
        return java.util.concurrent.CompletableFuture.completedFuture(r);
      }
      java.util.concurrent.CompletableFuture<ValidationResult> later = new java.util.concurrent.CompletableFuture<>();
      LATER.schedule(() -> later.complete(r), 30, TimeUnit.MILLISECONDS);
      return later;
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
      publish(topic, size, event, role + "-" + seq);
    }

    void publish(String topic, int size, String event, String text) throws Exception {
      byte[] data = new byte[size];
      byte[] tag = text.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(tag, 0, data, 0, Math.min(tag.length, size));
      boolean ok = true;
      try {
        publisher.publish(Unpooled.wrappedBuffer(data), new Topic(topic)).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        ok = false;
      }
      seq++;
      truth("{\"event\":\"" + event + "\",\"node\":\"" + id() + "\",\"topic\":\"" + topic + "\",\"size\":" + size
          + ",\"tag\":\"" + text + "\",\"ok\":" + ok + "}");
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
      for (var e : validated.entrySet()) {
        truth("{\"event\":\"validated\",\"node\":\"" + id() + "\",\"result\":\"" + e.getKey() + "\",\"count\":"
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
    String jsDir = a.get("js");
    JsGossipPeer js = null;
    String[] jsAt = null;
    if (jsDir != null) {
      js = JsGossipPeer.start(java.nio.file.Path.of(jsDir), JS_TOPICS, 200,
          line -> truth("{\"event\":\"js\",\"data\":" + line + "}"));
      jsAt = js.awaitListening();
      truth("{\"event\":\"js-peer\",\"peerId\":\"" + jsAt[0] + "\",\"topics\":[\""
          + String.join("\",\"", JS_TOPICS) + "\"]}");
    }
    Node careful = new Node("careful");
    Node leaky = new Node("leaky");
    Node relay1 = new Node("relay");
    Node relay2 = new Node("relay");
    List<Node> all = List.of(careful, leaky, relay1, relay2);
    for (Node n : all) {
      n.subscribe(BLOCK);
      n.subscribe(VALIDATION);
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
    if (js != null) {
      for (Node n : all) {
        n.host.getNetwork().connect(io.libp2p.core.PeerId.fromBase58(jsAt[0]),
            new io.libp2p.core.multiformats.Multiaddr(jsAt[1])).get(10, TimeUnit.SECONDS);
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
      if (r < rounds - 2) { // results that come later need some traffic after them to be read
        relay1.publish(VALIDATION, 64, "publish", KINDS.get(r % KINDS.size()) + "-" + r);
      }
      if (js != null) {
        js.publish(r % 2 == 0 ? BLOCK : subnet(1), 300, "js-" + r);
      }
      Thread.sleep(interval / 2);
    }
    Thread.sleep(1000); // deliveries and duplicates settle
    for (Node n : all) {
      n.summary();
    }
    truth("{\"event\":\"done\"}");
    if (js != null) {
      js.close();
    }
    for (Node n : all) {
      n.host.stop().get(10, TimeUnit.SECONDS);
    }
    System.exit(0);
  }
}
