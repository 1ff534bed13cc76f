package io.libp2p.pubsub.gossip;

import static io.libp2p.pubsub.gossip.GossipNet.await;
import static io.libp2p.pubsub.gossip.GossipNet.awaitChecked;
import static io.libp2p.pubsub.gossip.GossipNet.connect;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.pubsub.MaxCountTopicSubscriptionFilter;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pubsub.pb.Rpc;

/**
 * Misbehaving gossip peers get a clear, bounded reaction (close, drop or score) and the victim's
 * other peers and its event thread carry on: after each case a good peer still gets a message.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GossipBadPeersTest {
    static final String T = "/bad/topic";
    static final Duration WAIT = Duration.ofSeconds(20);

    /** The victim publishes and its good peer must get it: the router thread is unaffected. */
    static void assertStillServes(GossipNet.Node victim, GossipNet.Node good, String payload) throws Exception {
        victim.gossip.createPublisher(victim.host.getPrivKey(), System.nanoTime())
                .publish(Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8)), new Topic(T)).get(10, TimeUnit.SECONDS);
        await("good peer got " + payload, WAIT, () -> good.count(T, payload) == 1);
    }

    static GossipNet.Node[] victimAndGood(GossipNet net, GossipParams params) throws Exception {
        GossipNet.Node victim = net.start(params);
        GossipNet.Node good = net.start(GossipNet.fastParams());
        victim.subscribe(T);
        good.subscribe(T);
        connect(good, victim);
        awaitChecked("victim meshed the good peer", WAIT, () -> victim.mesh(T).contains(good.id()));
        return new GossipNet.Node[] {victim, good};
    }

    @Test
    void anOversizedFrameClosesThatPeerOnly() throws Exception {
        try (GossipNet net = new GossipNet(); RawGossipPeer bad = new RawGossipPeer()) {
            GossipNet.Node[] vg = victimAndGood(net, GossipNet.fastParams());
            bad.connect(vg[0].addr());
            await("victim sees the bad peer", WAIT, () -> vg[0].events.has("connected", bad.host.getPeerId(), null));
            bad.rawPrefix(2L << 20, 64 * 1024); // announces 2 MiB, over the 1 MiB frame limit
            await("the bad peer is disconnected", WAIT, () -> vg[0].events.has("disconnected", bad.host.getPeerId(), null));
            assertThat(vg[0].events.has("misbehavior", bad.host.getPeerId(), null)).isTrue();
            bad.outClosed().get(10, TimeUnit.SECONDS);
            assertStillServes(vg[0], vg[1], "after-oversized");
        }
    }

    @Test
    void garbageProtobufIsDroppedAndScoredAndTheStreamStaysUsable() throws Exception {
        try (GossipNet net = new GossipNet(); RawGossipPeer bad = new RawGossipPeer()) {
            GossipNet.Node[] vg = victimAndGood(net, GossipNet.fastParams());
            bad.connect(vg[0].addr());
            byte[] garbage = new byte[300];
            new Random(7).nextBytes(garbage);
            garbage[0] = (byte) 0xff; // field 31, wire type 7: never valid protobuf
            bad.frame(garbage);
            await("misbehaviour counted", WAIT, () -> vg[0].events.has("misbehavior", bad.host.getPeerId(), null));
            bad.send(RawGossipPeer.subscribe("/after/garbage"));
            awaitChecked("the next, valid RPC is applied", WAIT, () -> vg[0].gossip.getPeerTopics().get(5, TimeUnit.SECONDS)
                    .getOrDefault(bad.host.getPeerId(), java.util.Set.of()).contains(new Topic("/after/garbage")));
            assertThat(vg[0].gossip.getGossipScore(bad.host.getPeerId())).isNegative();
            assertThat(bad.outOpen()).isTrue();
            assertStillServes(vg[0], vg[1], "after-garbage");
        }
    }

    @Test
    void tenThousandSubscriptionsInOneRpcAreDroppedWhole() throws Exception {
        try (GossipNet net = new GossipNet(); RawGossipPeer bad = new RawGossipPeer()) {
            GossipNet.Node victim = net.start(rb -> {
                rb.setParams(GossipNet.fastParams());
                rb.setSubscriptionTopicSubscriptionFilter(new MaxCountTopicSubscriptionFilter(200, 1000, t -> true)); // Teku's limits
            });
            GossipNet.Node good = net.start(GossipNet.fastParams());
            victim.subscribe(T);
            good.subscribe(T);
            connect(good, victim);
            awaitChecked("meshed", WAIT, () -> victim.mesh(T).contains(good.id()));
            bad.connect(victim.addr());
            String[] topics = new String[10_000];
            for (int i = 0; i < topics.length; i++) {
                topics[i] = "/spam/" + i;
            }
            Rpc.RPC flood = RawGossipPeer.subscribe(topics);
            assertThat(flood.getSerializedSize()).isLessThan(1 << 20);
            bad.send(flood);
            await("the RPC is dropped", WAIT, () -> victim.router.getDroppedRpcCount() == 1);
            assertThat(victim.gossip.getPeerTopics().get(5, TimeUnit.SECONDS).getOrDefault(bad.host.getPeerId(), java.util.Set.of())).isEmpty();
            // a normal subscription afterwards is accepted
            bad.send(RawGossipPeer.subscribe(T));
            awaitChecked("the normal subscription applies", WAIT, () -> victim.gossip.getPeerTopics().get(5, TimeUnit.SECONDS)
                    .getOrDefault(bad.host.getPeerId(), java.util.Set.of()).contains(new Topic(T)));
            assertStillServes(victim, good, "after-spam");
        }
    }

    @Test
    void aGraftDuringBackoffIsRefusedWithPruneAndPenalised() throws Exception {
        try (GossipNet net = new GossipNet(); RawGossipPeer bad = new RawGossipPeer()) {
            GossipNet.Node[] vg = victimAndGood(net, GossipNet.fastParams());
            GossipNet.Node victim = vg[0];
            bad.connect(victim.addr());
            bad.send(RawGossipPeer.subscribe(T));
            bad.send(RawGossipPeer.control(Rpc.ControlMessage.newBuilder().addGraft(Rpc.ControlGraft.newBuilder().setTopicID(T))));
            awaitChecked("grafted", WAIT, () -> victim.mesh(T).contains(bad.host.getPeerId()));
            bad.send(RawGossipPeer.control(Rpc.ControlMessage.newBuilder().addPrune(Rpc.ControlPrune.newBuilder().setTopicID(T).setBackoff(60))));
            awaitChecked("pruned", WAIT, () -> !victim.mesh(T).contains(bad.host.getPeerId()));
            int prunesBefore = prunesFor(bad);
            bad.send(RawGossipPeer.control(Rpc.ControlMessage.newBuilder().addGraft(Rpc.ControlGraft.newBuilder().setTopicID(T))));
            await("refused with a PRUNE", WAIT, () -> prunesFor(bad) > prunesBefore);
            Rpc.ControlPrune refusal = bad.received.stream().filter(r -> r.getControl().getPruneCount() > 0)
                    .reduce((x, y) -> y).orElseThrow().getControl().getPrune(0);
            assertThat(refusal.getTopicID()).isEqualTo(T);
            assertThat(refusal.getBackoff()).isEqualTo(60);
            assertThat(victim.mesh(T)).doesNotContain(bad.host.getPeerId());
            assertThat(victim.events.has("misbehavior", bad.host.getPeerId(), null)).isTrue();
            assertThat(victim.gossip.getGossipScore(bad.host.getPeerId())).isNegative();
            assertStillServes(victim, vg[1], "after-backoff-graft");
        }
    }

    static int prunesFor(RawGossipPeer p) {
        return (int) p.received.stream().filter(r -> r.getControl().getPruneCount() > 0).count();
    }

    @Test
    void anIHaveFloodGetsAtMostTheBoundedIWantsPerHeartbeat() throws Exception {
        // a long heartbeat keeps the whole flood inside one counting window
        GossipParams slow = GossipParams.builder().heartbeatInterval(Duration.ofSeconds(30)).build();
        try (GossipNet net = new GossipNet(); RawGossipPeer bad = new RawGossipPeer()) {
            GossipNet.Node victim = net.start(slow);
            GossipNet.Node good = net.start(GossipNet.fastParams());
            victim.subscribe(T);
            good.subscribe(T);
            connect(good, victim);
            awaitChecked("meshed", WAIT, () -> victim.mesh(T).contains(good.id()));
            bad.connect(victim.addr());
            bad.send(RawGossipPeer.subscribe(T));
            Random rnd = new Random(1);
            for (int i = 0; i < 50; i++) {
                Rpc.ControlIHave.Builder ih = Rpc.ControlIHave.newBuilder().setTopicID(T);
                for (int k = 0; k < 100; k++) {
                    byte[] id = new byte[20];
                    rnd.nextBytes(id);
                    ih.addMessageIDs(ByteString.copyFrom(id));
                }
                bad.send(RawGossipPeer.control(Rpc.ControlMessage.newBuilder().addIhave(ih)));
            }
            await("misbehaviour counted", WAIT, () -> victim.events.has("misbehavior", bad.host.getPeerId(), null));
            Thread.sleep(500);
            long iwants = bad.received.stream().mapToLong(r -> r.getControl().getIwantCount()).sum();
            long ids = bad.received.stream().flatMap(r -> r.getControl().getIwantList().stream()).mapToLong(Rpc.ControlIWant::getMessageIDsCount).sum();
            assertThat(iwants).isBetween(1L, (long) slow.getMaxIHaveMessages());
            assertThat(ids).isEqualTo(iwants * 100);
            assertStillServes(victim, good, "after-ihave-flood");
        }
    }
}
