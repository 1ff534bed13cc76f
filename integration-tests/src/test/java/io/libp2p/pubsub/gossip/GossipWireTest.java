package io.libp2p.pubsub.gossip;

import static io.libp2p.pubsub.gossip.GossipNet.await;
import static io.libp2p.pubsub.gossip.GossipNet.awaitChecked;
import static io.libp2p.pubsub.gossip.GossipNet.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.libp2p.core.pubsub.MessageApi;
import io.libp2p.core.pubsub.PubsubApiKt;
import io.libp2p.core.pubsub.PubsubPublisherApi;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.core.pubsub.ValidationResult;
import io.libp2p.etc.types.WBytes;
import io.libp2p.pubsub.DefaultPubsubMessage;
import io.libp2p.pubsub.MessageAlreadySeenException;
import io.libp2p.pubsub.PubsubCrypto;
import io.libp2p.pubsub.PubsubRouterKt;
import io.libp2p.pubsub.SimpleSeenCache;
import io.libp2p.pubsub.TTLSeenCache;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pubsub.pb.Rpc;

/** Gossipsub wire details: IDONTWANT, seen TTL, message ids, signatures, validation results. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GossipWireTest {
    static final String T = "/wire/topic";
    static final Duration WAIT = Duration.ofSeconds(20);

    static byte[] payload(String text, int size) {
        byte[] b = new byte[Math.max(size, text.length())];
        Arrays.fill(b, (byte) '.');
        System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, b, 0, text.length());
        return b;
    }

    static Rpc.Message rawPublished(GossipNet.Node n, String prefix) {
        return n.tap.out.stream().flatMap(r -> r.getPublishList().stream())
                .filter(m -> m.getData().toStringUtf8().startsWith(prefix)).findFirst().orElseThrow();
    }

    static boolean hasIDontWant(Rpc.RPC r, ByteString id) {
        return r.getControl().getIdontwantList().stream().anyMatch(d -> d.getMessageIDsList().contains(id));
    }

    @Test
    void largeMessagesGetIDontWantFromThePublisherBeforeTheMessageAndFromRelays() throws Exception {
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
            awaitChecked("full meshes", WAIT, () -> a.mesh(T).size() == 2 && b.mesh(T).size() == 2 && c.mesh(T).size() == 2);
            PubsubPublisherApi pub = a.gossip.createPublisher(a.host.getPrivKey(), 1L);
            pub.publish(Unpooled.wrappedBuffer(payload("big", 20 * 1024)), new Topic(T)).get(10, TimeUnit.SECONDS);
            pub.publish(Unpooled.wrappedBuffer(payload("small", 1024)), new Topic(T)).get(10, TimeUnit.SECONDS);
            String big = new String(payload("big", 20 * 1024), StandardCharsets.UTF_8);
            String small = new String(payload("small", 1024), StandardCharsets.UTF_8);
            await("both delivered", WAIT, () -> b.count(T, big) == 1 && c.count(T, big) == 1 && b.count(T, small) == 1 && c.count(T, small) == 1);

            Rpc.Message bigMsg = rawPublished(a, "big");
            ByteString bigId = ByteString.copyFrom(new DefaultPubsubMessage(bigMsg).getMessageId().getArray());
            ByteString smallId = ByteString.copyFrom(new DefaultPubsubMessage(rawPublished(a, "small")).getMessageId().getArray());
            // on each stream that carried our big message, our IDONTWANT for it came first
            List<RpcTap.Sent> sent = List.copyOf(a.tap.sent);
            List<io.netty.channel.Channel> carriers = sent.stream().filter(s -> s.rpc().getPublishList().contains(bigMsg))
                    .map(RpcTap.Sent::channel).distinct().toList();
            assertThat(carriers).hasSize(2);
            for (io.netty.channel.Channel ch : carriers) {
                List<Rpc.RPC> onCh = sent.stream().filter(s -> s.channel() == ch).map(RpcTap.Sent::rpc).toList();
                int dontWant = indexOf(onCh, r -> hasIDontWant(r, bigId));
                int msg = indexOf(onCh, r -> r.getPublishList().contains(bigMsg));
                assertThat(dontWant).isNotNegative().isLessThan(msg);
            }
            // a relay sends IDONTWANT on first receipt; nobody does for a small message
            await("relay IDONTWANT", WAIT, () -> b.tap.out.stream().anyMatch(r -> hasIDontWant(r, bigId))
                    || c.tap.out.stream().anyMatch(r -> hasIDontWant(r, bigId) && !r.getPublishList().contains(bigMsg)));
            for (GossipNet.Node n : List.of(a, b, c)) {
                assertThat(n.tap.out.stream().noneMatch(r -> hasIDontWant(r, smallId))).isTrue();
            }
        }
    }

    static int indexOf(List<Rpc.RPC> l, java.util.function.Predicate<Rpc.RPC> p) {
        for (int i = 0; i < l.size(); i++) {
            if (p.test(l.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theSeenCacheForgetsAfterItsTtl() throws Exception {
        GossipParams p = GossipParams.builder().heartbeatInterval(Duration.ofMillis(100)).seenTTL(Duration.ofMillis(1500)).build();
        try (GossipNet net = new GossipNet()) {
            GossipNet.Node a = net.start(p);
            GossipNet.Node b = net.start(p);
            a.subscribe(T);
            b.subscribe(T);
            connect(a, b);
            awaitChecked("meshed", WAIT, () -> a.mesh(T).contains(b.id()));
            PubsubPublisherApi pub = a.gossip.createPublisher(a.host.getPrivKey(), 1L);
            pub.publishExt(Unpooled.wrappedBuffer("again".getBytes(StandardCharsets.UTF_8)), null, 42L, new Topic(T)).get(10, TimeUnit.SECONDS);
            await("first copy", WAIT, () -> b.count(T, "again") == 1);
            assertThatThrownBy(() -> pub.publishExt(Unpooled.wrappedBuffer("again".getBytes(StandardCharsets.UTF_8)), null, 42L, new Topic(T))
                    .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(MessageAlreadySeenException.class);
            Thread.sleep(2200);
            pub.publishExt(Unpooled.wrappedBuffer("again".getBytes(StandardCharsets.UTF_8)), null, 42L, new Topic(T)).get(10, TimeUnit.SECONDS);
            await("the same message is new again after the TTL", WAIT, () -> b.count(T, "again") == 2);
        }
    }

    @Test
    void ttlSeenCacheOnAManualClock() {
        AtomicLong now = new AtomicLong(1000);
        TTLSeenCache<Optional<ValidationResult>> c = new TTLSeenCache<>(new SimpleSeenCache<>(), Duration.ofSeconds(120), now::get);
        DefaultPubsubMessage m = new DefaultPubsubMessage(Rpc.Message.newBuilder().setFrom(ByteString.copyFromUtf8("f"))
                .setSeqno(ByteString.copyFrom(new byte[8])).build());
        c.put(m, Optional.empty());
        now.addAndGet(119_999);
        c.pruneExpired();
        assertThat(c.isSeen(m)).isTrue();
        now.addAndGet(1);
        c.pruneExpired();
        assertThat(c.isSeen(m)).isFalse();
        assertThat(c.getSize()).isZero();
    }

    @Test
    void defaultIdsAreFromPlusSeqnoAndUnsignedMessagesCollide() throws Exception {
        try (GossipNet net = new GossipNet()) {
            GossipNet.Node a = net.start(GossipNet.fastParams());
            GossipNet.Node b = net.start(GossipNet.fastParams());
            a.subscribe(T);
            b.subscribe(T);
            connect(a, b);
            awaitChecked("meshed", WAIT, () -> a.mesh(T).contains(b.id()));
            a.gossip.createPublisher(a.host.getPrivKey(), 6L).publish(Unpooled.wrappedBuffer("id".getBytes(StandardCharsets.UTF_8)), new Topic(T))
                    .get(10, TimeUnit.SECONDS);
            await("delivered", WAIT, () -> b.count(T, "id") == 1);
            byte[] expected = ByteBuffer.allocate(a.id().getBytes().length + 8).put(a.id().getBytes()).putLong(7L).array();
            assertThat(b.events.of("unseen").get(0).messageId()).isEqualTo(HexFormat.of().formatHex(expected));
            assertThat(HexFormat.of().formatHex(a.id().getBytes())).startsWith("002408011220"); // identity multihash, Ed25519
            // without from/seqno the default id is empty: a second, different unsigned message is "seen"
            PubsubPublisherApi unsigned = a.gossip.createPublisher(null, () -> null);
            unsigned.publish(Unpooled.wrappedBuffer("u1".getBytes(StandardCharsets.UTF_8)), new Topic(T)).get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> unsigned.publish(Unpooled.wrappedBuffer("u2".getBytes(StandardCharsets.UTF_8)), new Topic(T))
                    .get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(MessageAlreadySeenException.class);
            assertThat(new DefaultPubsubMessage(Rpc.Message.newBuilder().setData(ByteString.copyFromUtf8("x")).build()).getMessageId())
                    .isEqualTo(new WBytes(new byte[0]));
        }
    }

    @Test
    void strictSignSignaturesAreVerifiedWhenTheAppSetsTheValidator() throws Exception {
        try (GossipNet net = new GossipNet(); RawGossipPeer raw = new RawGossipPeer()) {
            GossipNet.Node v = net.start(rb -> {
                rb.setParams(GossipNet.fastParams());
                rb.setMessageValidator(PubsubRouterKt.getSIGNATURE_ROUTER_VALIDATOR());
            });
            v.subscribe(T);
            raw.connect(v.addr());
            raw.send(RawGossipPeer.subscribe(T));
            Rpc.Message.Builder base = Rpc.Message.newBuilder().addTopicIDs(T)
                    .setFrom(ByteString.copyFrom(raw.host.getPeerId().getBytes()));
            Rpc.Message good = PubsubCrypto.sign(base.clone().setData(ByteString.copyFromUtf8("signed"))
                    .setSeqno(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(1).array())).build(), raw.host.getPrivKey());
            Rpc.Message tampered = PubsubCrypto.sign(base.clone().setData(ByteString.copyFromUtf8("orig"))
                    .setSeqno(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(2).array())).build(), raw.host.getPrivKey())
                    .toBuilder().setData(ByteString.copyFromUtf8("tampered")).build();
            Rpc.Message unsignedMsg = Rpc.Message.newBuilder().addTopicIDs(T).setData(ByteString.copyFromUtf8("unsigned"))
                    .setFrom(ByteString.copyFrom(raw.host.getPeerId().getBytes()))
                    .setSeqno(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(3).array())).build();
            raw.send(Rpc.RPC.newBuilder().addPublish(tampered).addPublish(unsignedMsg).addPublish(good).build());
            await("the signed one delivered", WAIT, () -> v.count(T, "signed") == 1);
            assertThat(v.count(T, "tampered")).isZero();
            assertThat(v.count(T, "unsigned")).isZero();
            assertThat(v.events.of("invalid")).hasSize(2);
            assertThat(v.events.of("valid")).hasSize(1);
        }
    }

    @Test
    void validationResultsDecideForwardingIncludingAsyncOnes() throws Exception {
        try (GossipNet net = new GossipNet()) {
            GossipNet.Node a = net.start(GossipNet.fastParams());
            GossipNet.Node b = net.start(GossipNet.fastParams());
            GossipNet.Node c = net.start(GossipNet.fastParams());
            a.subscribe(T);
            c.subscribe(T);
            java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                b.gossip.subscribe((MessageApi m) -> {
                    String s = m.getData().toString(StandardCharsets.UTF_8);
                    if (s.startsWith("ign")) {
                        return PubsubApiKt.getRESULT_IGNORE();
                    }
                    if (s.startsWith("bad")) {
                        return PubsubApiKt.getRESULT_INVALID();
                    }
                    if (s.startsWith("late")) {
                        CompletableFuture<ValidationResult> f = new CompletableFuture<>();
                        later.schedule(() -> f.complete(ValidationResult.Valid), 300, TimeUnit.MILLISECONDS);
                        return f;
                    }
                    return PubsubApiKt.getRESULT_VALID();
                }, new Topic(T));
                connect(a, b);
                connect(b, c);
                awaitChecked("line a-b-c meshed", WAIT, () -> b.mesh(T).size() == 2);
                PubsubPublisherApi pub = a.gossip.createPublisher(a.host.getPrivKey(), 1L);
                for (String s : List.of("ign1", "bad1", "late1", "ok1")) {
                    pub.publish(Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8)), new Topic(T)).get(10, TimeUnit.SECONDS);
                }
                await("c got the valid ones", WAIT, () -> c.count(T, "ok1") == 1 && c.count(T, "late1") == 1);
                Thread.sleep(600);
                assertThat(c.count(T, "ign1")).isZero();
                assertThat(c.count(T, "bad1")).isZero();
                assertThat(b.events.of("unseen")).hasSize(4);
                assertThat(b.events.of("valid")).hasSize(2);
                assertThat(b.events.of("invalid")).hasSize(1);
                assertThat(b.events.has("misbehavior", a.id(), null)).isTrue();
                assertThat(b.gossip.getGossipScore(a.id())).isNegative();
            } finally {
                later.shutdownNow();
            }
        }
    }
}
