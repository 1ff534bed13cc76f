package io.libp2p.pubsub.gossip;

import io.libp2p.core.Host;
import io.libp2p.core.PeerId;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.core.pubsub.MessageApi;
import io.libp2p.core.pubsub.PubsubApiKt;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.pubsub.PubsubApiImpl;
import io.libp2p.pubsub.gossip.builders.GossipRouterBuilder;
import io.libp2p.security.noise.NoiseXXSecureChannel;
import io.libp2p.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Test-host gossip nodes on 127.0.0.1 with an event log and a wire tap each. */
final class GossipNet implements AutoCloseable {
    /** One node: host, gossip, its router's events, the RPCs on its wire, what its subscribers got. */
    static final class Node {
        final Host host;
        final Gossip gossip;
        final GossipRouter router;
        final EventLog events;
        final RpcTap tap;
        final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Thread> subscriberThreads = new ConcurrentLinkedQueue<>();

        Node(Host host, Gossip gossip, EventLog events, RpcTap tap) {
            this.host = host;
            this.gossip = gossip;
            this.router = gossip.getRouter();
            this.events = events;
            this.tap = tap;
        }

        PeerId id() {
            return host.getPeerId();
        }

        /** Subscribes, counting every delivered payload (as text). */
        void subscribe(String topic) {
            gossip.subscribe((MessageApi m) -> {
                subscriberThreads.add(Thread.currentThread());
                received.computeIfAbsent(topic + "|" + m.getData().toString(java.nio.charset.StandardCharsets.UTF_8),
                        k -> new AtomicInteger()).incrementAndGet();
                return PubsubApiKt.getRESULT_VALID();
            }, new Topic(topic));
        }

        int count(String topic, String payload) {
            AtomicInteger n = received.get(topic + "|" + payload);
            return n == null ? 0 : n.get();
        }

        /** The router's mesh for {@code topic}, read on its event thread. */
        Set<PeerId> mesh(String topic) throws Exception {
            return router.submitOnEventThread(() -> {
                Set<PeerId> s = new java.util.HashSet<>();
                for (var p : router.getMesh().getOrDefault(topic, Set.of())) {
                    s.add(p.getPeerId());
                }
                return s;
            }).get(5, TimeUnit.SECONDS);
        }

        Set<String> fanoutTopics() throws Exception {
            return router.submitOnEventThread(() -> Set.copyOf(router.getFanout().keySet())).get(5, TimeUnit.SECONDS);
        }

        Multiaddr addr() {
            return host.listenAddresses().get(0).withP2P(host.getPeerId());
        }
    }

    private final List<Node> nodes = new ArrayList<>();

    static GossipParams fastParams() {
        return GossipParams.builder().heartbeatInterval(Duration.ofMillis(200)).build();
    }

    Node start(GossipParams params) throws Exception {
        return start(b -> b.setParams(params));
    }

    Node start(Consumer<GossipRouterBuilder> config) throws Exception {
        GossipRouterBuilder rb = new GossipRouterBuilder();
        rb.setParams(fastParams());
        config.accept(rb);
        EventLog events = new EventLog();
        rb.getGossipRouterEventListeners().add(events);
        GossipRouter router = rb.build();
        RpcTap tap = new RpcTap();
        Gossip gossip = new Gossip(router, new PubsubApiImpl(router), tap);
        Host host = new HostBuilder(HostBuilder.DefaultMode.None)
                .transport(TcpTransport::new)
                .secureChannel(NoiseXXSecureChannel::new)
                .muxer(StreamMuxerProtocol::getYamux)
                .protocol(gossip, new io.libp2p.protocol.Ping(), new io.libp2p.protocol.Identify())
                .listen("/ip4/127.0.0.1/tcp/0")
                .build();
        host.start().get(10, TimeUnit.SECONDS);
        Node n = new Node(host, gossip, events, tap);
        nodes.add(n);
        return n;
    }

    static void connect(Node from, Node to) throws Exception {
        from.host.getNetwork().connect(to.addr()).get(10, TimeUnit.SECONDS);
    }

    /** Polls {@code cond} every 50 ms until it holds or {@code timeout} passes (then fails with {@code what}). */
    static void await(String what, Duration timeout, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Like {@link #await} for conditions that read router state (and may throw). */
    interface Check {
        boolean holds() throws Exception;
    }

    static void awaitChecked(String what, Duration timeout, Check cond) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!cond.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        for (Node n : nodes) {
            try {
                n.host.stop().get(10, TimeUnit.SECONDS);
            } finally {
                n.router.shutdown();
            }
        }
    }
}
