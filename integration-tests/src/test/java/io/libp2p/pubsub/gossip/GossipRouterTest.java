package io.libp2p.pubsub.gossip;

import static io.libp2p.pubsub.gossip.GossipNet.await;
import static io.libp2p.pubsub.gossip.GossipNet.awaitChecked;
import static io.libp2p.pubsub.gossip.GossipNet.connect;
import static org.assertj.core.api.Assertions.assertThat;

import io.libp2p.core.pubsub.PubsubPublisherApi;
import io.libp2p.core.pubsub.Topic;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pubsub.pb.Rpc;

/** Gossip between test-host nodes: meshes, delivery, events and their threads. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GossipRouterTest {
    static final String T = "/test/topic";
    static final Duration WAIT = Duration.ofSeconds(20);

    static void publish(GossipNet.Node n, PubsubPublisherApi p, String topic, String payload) throws Exception {
        p.publish(Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8)), new Topic(topic)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void threeNodesMeshDeliverOnceWithEventsOnEachRoutersOwnThread() throws Exception {
        try (GossipNet net = new GossipNet()) {
            GossipNet.Node a = net.start(GossipNet.fastParams());
            GossipNet.Node b = net.start(GossipNet.fastParams());
            GossipNet.Node c = net.start(GossipNet.fastParams());
            for (GossipNet.Node n : List.of(a, b, c)) {
                n.subscribe(T);
            }
            connect(a, b);
            connect(b, c);
            connect(c, a);
            awaitChecked("full meshes of 2", WAIT, () -> a.mesh(T).size() == 2 && b.mesh(T).size() == 2 && c.mesh(T).size() == 2);
            // GRAFT seen on both sides of every link
            for (GossipNet.Node n : List.of(a, b, c)) {
                assertThat(n.tap.out.stream().anyMatch(r -> r.getControl().getGraftCount() > 0)).isTrue();
                assertThat(n.tap.in.stream().anyMatch(r -> r.getControl().getGraftCount() > 0)).isTrue();
            }
            assertThat(a.gossip.getPeerTopics().get(5, TimeUnit.SECONDS).get(b.id())).containsExactly(new Topic(T));

            PubsubPublisherApi pub = a.gossip.createPublisher(a.host.getPrivKey(), 1L);
            for (int i = 0; i < 10; i++) {
                publish(a, pub, T, "m" + i);
            }
            await("10 messages at b and c", WAIT, () -> {
                for (int i = 0; i < 10; i++) {
                    if (b.count(T, "m" + i) < 1 || c.count(T, "m" + i) < 1) {
                        return false;
                    }
                }
                return true;
            });
            Thread.sleep(600); // duplicates, if any, would arrive within a few heartbeats
            for (int i = 0; i < 10; i++) {
                assertThat(b.count(T, "m" + i)).isEqualTo(1);
                assertThat(c.count(T, "m" + i)).isEqualTo(1);
                assertThat(a.count(T, "m" + i)).isZero();
            }
            // b got each message from a first (unseen → valid), and c's relayed copy as a duplicate
            List<EventLog.Event> bEvents = List.copyOf(b.events.events);
            String firstId = b.events.of("unseen").get(0).messageId();
            int unseen = indexOf(bEvents, "unseen", firstId);
            int valid = indexOf(bEvents, "valid", firstId);
            assertThat(unseen).isNotNegative();
            assertThat(valid).isGreaterThan(unseen);
            assertThat(b.events.of("unseen")).hasSize(10);
            assertThat(b.events.of("valid")).hasSize(10);
            // a never takes its own messages for new ones: a copy relayed back (if the relay order
            // brings one) is a duplicate
            assertThat(a.events.of("unseen")).isEmpty();
            Set<String> bIds = new HashSet<>();
            b.events.of("unseen").forEach(e -> bIds.add(e.messageId()));
            assertThat(a.events.of("seen")).allSatisfy(e -> assertThat(bIds).contains(e.messageId()));

            // every callback and every subscriber ran on that router's single event thread
            Set<Thread> threads = new HashSet<>();
            for (GossipNet.Node n : List.of(a, b, c)) {
                Set<Thread> own = new HashSet<>();
                n.events.events.forEach(e -> own.add(e.thread()));
                own.addAll(n.subscriberThreads);
                assertThat(own).hasSize(1);
                Thread t = own.iterator().next();
                assertThat(t.getName()).isEqualTo("GossipRouter-event-thread-0");
                assertThat(t.isDaemon()).isTrue();
                threads.add(t);
            }
            assertThat(threads).hasSize(3);
            // connected events name the peers
            assertThat(b.events.has("connected", a.id(), null)).isTrue();
            assertThat(b.events.has("meshed", c.id(), T)).isTrue();
        }
    }

    static int indexOf(List<EventLog.Event> events, String kind, String id) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).kind().equals(kind) && id.equals(events.get(i).messageId())) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void tenNodesKeepMeshDegreeWithinBoundsAndDeliverEveryMessageOnce() throws Exception {
        GossipParams p = GossipParams.builder().D(3).DLow(2).DHigh(4).DLazy(3).heartbeatInterval(Duration.ofMillis(150))
                .pruneBackoff(Duration.ofSeconds(2)).build();
        try (GossipNet net = new GossipNet()) {
            List<GossipNet.Node> nodes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                GossipNet.Node n = net.start(p);
                n.subscribe(T);
                nodes.add(n);
            }
            // every node dials the next three: each node has 6 topic peers
            for (int i = 0; i < 10; i++) {
                for (int k = 1; k <= 3; k++) {
                    connect(nodes.get(i), nodes.get((i + k) % 10));
                }
            }
            awaitChecked("every mesh within [D_lo, D_hi] after a few heartbeats", WAIT, () -> {
                for (GossipNet.Node n : nodes) {
                    int s = n.mesh(T).size();
                    if (s < 2 || s > 4 || n.router.getHeartbeatCount() < 3) {
                        return false;
                    }
                }
                return true;
            });
            List<PubsubPublisherApi> pubs = new ArrayList<>();
            for (GossipNet.Node n : nodes) {
                pubs.add(n.gossip.createPublisher(n.host.getPrivKey(), 1L));
            }
            for (int i = 0; i < 20; i++) {
                publish(nodes.get(i % 10), pubs.get(i % 10), T, "x" + i);
            }
            await("20 messages at every other node", WAIT, () -> {
                for (int i = 0; i < 20; i++) {
                    for (int j = 0; j < 10; j++) {
                        if (j != i % 10 && nodes.get(j).count(T, "x" + i) < 1) {
                            return false;
                        }
                    }
                }
                return true;
            });
            Thread.sleep(500);
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 10; j++) {
                    assertThat(nodes.get(j).count(T, "x" + i)).as("node %d, message %d", j, i).isEqualTo(j == i % 10 ? 0 : 1);
                }
            }
        }
    }

    @Test
    void publishWithoutSubscribingUsesFanout() throws Exception {
        try (GossipNet net = new GossipNet()) {
            GossipNet.Node pub = net.start(GossipNet.fastParams());
            GossipNet.Node s1 = net.start(GossipNet.fastParams());
            GossipNet.Node s2 = net.start(GossipNet.fastParams());
            s1.subscribe(T);
            s2.subscribe(T);
            connect(pub, s1);
            connect(pub, s2);
            connect(s1, s2);
            awaitChecked("pub knows both subscribers", WAIT,
                    () -> pub.gossip.getPeerTopics().get(5, TimeUnit.SECONDS).values().stream().filter(t -> t.contains(new Topic(T))).count() == 2);
            publish(pub, pub.gossip.createPublisher(pub.host.getPrivKey(), 1L), T, "f1");
            await("fanout message delivered", WAIT, () -> s1.count(T, "f1") == 1 && s2.count(T, "f1") == 1);
            assertThat(pub.fanoutTopics()).containsExactly(T);
            assertThat(pub.mesh(T)).isEmpty();
            // our publisher sent it straight to both fanout peers (D=6 > 2 peers) and grafted nobody
            long direct = pub.tap.out.stream().filter(r -> r.getPublishCount() > 0).count();
            assertThat(direct).isEqualTo(2);
            assertThat(pub.tap.out.stream().noneMatch(r -> r.getControl().getGraftCount() > 0)).isTrue();
        }
    }

    @Test
    void aNodeOutsideTheMeshRecoversTheMessageThroughIHaveAndIWant() throws Exception {
        // a keeps a mesh of exactly one peer (b); c accepts no mesh at all (D_hi = 0), so a's
        // message reaches c only through a's IHAVE gossip and c's IWANT
        GossipParams one = GossipParams.builder().D(1).DLow(1).DHigh(2).DLazy(6).heartbeatInterval(Duration.ofMillis(200)).build();
        GossipParams none = GossipParams.builder().D(0).DLow(0).DHigh(0).DLazy(0).heartbeatInterval(Duration.ofMillis(200)).build();
        try (GossipNet net = new GossipNet()) {
            GossipNet.Node a = net.start(one);
            GossipNet.Node b = net.start(GossipNet.fastParams());
            GossipNet.Node c = net.start(none);
            for (GossipNet.Node n : List.of(a, b, c)) {
                n.subscribe(T);
            }
            connect(a, b);
            connect(a, c);
            awaitChecked("a's mesh is exactly {b}", WAIT, () -> a.mesh(T).equals(Set.of(b.id())));
            assertThat(c.mesh(T)).isEmpty();
            publish(a, a.gossip.createPublisher(a.host.getPrivKey(), 1L), T, "gossiped");
            await("c recovered the message", WAIT, () -> c.count(T, "gossiped") == 1);
            assertThat(b.count(T, "gossiped")).isEqualTo(1);
            List<Rpc.RPC> cOut = RpcTap.snapshot(c.tap.out);
            List<Rpc.RPC> cIn = RpcTap.snapshot(c.tap.in);
            assertThat(cIn.stream().anyMatch(r -> r.getControl().getIhaveCount() > 0)).isTrue();
            assertThat(cOut.stream().anyMatch(r -> r.getControl().getIwantCount() > 0)).isTrue();
            assertThat(c.events.has("unseen", a.id(), null)).isTrue();
        }
    }

    @Test
    void unsubscribePrunesTheMeshOnTheWireAndInCallbacks() throws Exception {
        try (GossipNet net = new GossipNet()) {
            GossipNet.Node a = net.start(GossipNet.fastParams());
            GossipNet.Node b = net.start(GossipNet.fastParams());
            a.subscribe(T);
            io.libp2p.core.pubsub.PubsubSubscription sub = b.gossip.subscribe((io.libp2p.core.pubsub.MessageApi m) -> { }, new Topic(T));
            connect(a, b);
            awaitChecked("meshed", WAIT, () -> a.mesh(T).contains(b.id()) && b.mesh(T).contains(a.id()));
            sub.unsubscribe();
            awaitChecked("a pruned b", WAIT, () -> !a.mesh(T).contains(b.id()));
            assertThat(b.events.has("pruned", a.id(), T)).isTrue();
            assertThat(a.events.has("pruned", b.id(), T)).isTrue();
            Rpc.RPC unsub = a.tap.in.stream().filter(r -> r.getSubscriptionsCount() > 0 && !r.getSubscriptions(0).getSubscribe())
                    .findFirst().orElseThrow();
            assertThat(unsub.getControl().getPruneList()).singleElement().satisfies(pr -> {
                assertThat(pr.getTopicID()).isEqualTo(T);
                assertThat(pr.getBackoff()).isEqualTo(60);
            });
            await("a no longer lists b's topic", WAIT, () -> {
                try {
                    return a.gossip.getPeerTopics().get(5, TimeUnit.SECONDS).get(b.id()).isEmpty();
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }
}
