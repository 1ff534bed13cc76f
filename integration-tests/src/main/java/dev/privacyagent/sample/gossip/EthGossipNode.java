package dev.privacyagent.sample.gossip;

import dev.privacyagent.sample.Json;
import io.libp2p.core.PeerId;
import io.libp2p.core.pubsub.MessageApi;
import io.libp2p.core.pubsub.PubsubApiKt;
import io.libp2p.core.pubsub.PubsubPublisherApi;
import io.libp2p.core.pubsub.PubsubSubscription;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.pubsub.FastIdSeenCache;
import io.libp2p.pubsub.MaxCountTopicSubscriptionFilter;
import io.libp2p.pubsub.PubsubProtocol;
import io.libp2p.pubsub.TTLSeenCache;
import io.libp2p.pubsub.gossip.Gossip;
import io.libp2p.pubsub.gossip.GossipParams;
import io.libp2p.pubsub.gossip.GossipRouter;
import io.libp2p.pubsub.gossip.builders.GossipRouterBuilder;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One node's Ethereum-like gossip, set up as Teku does (StrictNoSign, content ids, Teku's
 * parameters, seen cache and topic filter), with its validators and subscriptions; prints its
 * ground truth (subscriptions, publishes, deliveries, mesh changes) as JSON lines.
 */
public final class EthGossipNode {
    /** Counters shared by all nodes of a run, for the summary line. */
    public record Counters(AtomicLong publishes, AtomicLong publishFailures, AtomicLong deliveries, AtomicLong duplicates) {
        public Counters() {
            this(new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong());
        }
    }

    private final int index;
    private final GossipProfile profile;
    private final EthTopics topics;
    private final List<Integer> validators;
    private final Gossip gossip;
    private final PubsubPublisherApi publisher;
    private final Counters counters;
    private final Map<String, Set<String>> reasons = new HashMap<>();
    private final Map<String, PubsubSubscription> subscriptions = new HashMap<>();
    private volatile PeerId peerId;
    private int[] backbone;

    public EthGossipNode(int index, GossipProfile profile, EthTopics topics, List<Integer> validators, Counters counters) {
        this.index = index;
        this.profile = profile;
        this.topics = topics;
        this.validators = List.copyOf(validators);
        this.counters = counters;
        GossipRouterBuilder rb = new GossipRouterBuilder();
        rb.setProtocol(PubsubProtocol.Gossip_V_1_2);
        rb.setParams(GossipParams.builder().D(8).DLow(6).DHigh(12).DLazy(6).heartbeatInterval(Duration.ofMillis(700))
                .fanoutTTL(Duration.ofSeconds(60)).gossipHistoryLength(6).gossipSize(3)
                .floodPublishMaxMessageSizeThreshold(profile == GossipProfile.FLOOD ? GossipParams.ALWAYS_FLOOD_PUBLISH : GossipParams.NEVER_FLOOD_PUBLISH)
                // A careful operator follows the origin-exposure advice: no IDONTWANT ahead of its own large blocks.
                .iDontWantMinMessageSizeThreshold(profile == GossipProfile.CAREFUL ? Integer.MAX_VALUE : GossipParams.builder().build().getIDontWantMinMessageSizeThreshold())
                .build());
        rb.setMessageFactory(ContentIdMessage::new);
        rb.setMessageValidator(new NoSignFieldValidator());
        rb.setSeenCache(new TTLSeenCache<>(new FastIdSeenCache<>(m -> new io.libp2p.etc.types.WBytes(m.messageSha256())),
                Duration.ofSeconds(384), rb.getCurrentTimeSupplier()));
        rb.setSubscriptionTopicSubscriptionFilter(new MaxCountTopicSubscriptionFilter(200, 1000, topics::isRelevant));
        rb.getGossipRouterEventListeners().add(new GroundTruthListener(this, counters));
        GossipRouter router = rb.build();
        this.gossip = new Gossip(router, PubsubApiKt.createPubsubApi(router), null);
        this.publisher = gossip.createPublisher(null, () -> null);
    }

    public Gossip gossip() {
        return gossip;
    }

    int index() {
        return index;
    }

    PeerId peerId() {
        return peerId;
    }

    public GossipProfile profile() {
        return profile;
    }

    public List<Integer> validators() {
        return validators;
    }

    /** Once the host exists: prints the node line and takes the long-lived subscriptions. */
    public void start(PeerId id) {
        this.peerId = id;
        this.backbone = Duties.backbone(id.getBytes());
        Json.event("gossip-node").put("node", index).put("peerId", id.toBase58()).put("profile", profile.label())
                .put("validators", validators).put("backboneSubnets", List.of(backbone[0], backbone[1]))
                .put("floodPublish", profile == GossipProfile.FLOOD).put("signPolicy", "StrictNoSign")
                .put("forkDigest", topics.forkDigest()).print();
        subscribe(topics.block(), "core", 0);
        subscribe(topics.aggregate(), "core", 0);
        for (int s : backbone) {
            subscribe(topics.attestation(s), "backbone", 0);
        }
        if (profile == GossipProfile.CAREFUL) {
            for (int s = 0; s < EthTopics.ATTESTATION_SUBNETS; s++) {
                subscribe(topics.attestation(s), "careful", 0);
            }
        }
    }

    /** Subscribes for {@code reason} (several reasons may hold one topic; only the first subscribes). */
    public synchronized void subscribe(String topic, String reason, long slot) {
        Set<String> r = reasons.computeIfAbsent(topic, t -> new LinkedHashSet<>());
        if (r.add(reason) && r.size() == 1) {
            subscriptions.put(topic, gossip.subscribe((MessageApi m) -> PubsubApiKt.getRESULT_VALID(), new Topic(topic)));
            Json.event("gossip-subscription").put("node", index).put("peerId", peerId.toBase58()).put("topic", topic)
                    .put("subscribe", true).put("reason", reason).put("slot", slot).print();
        }
    }

    /** Drops {@code reason}; unsubscribes when no reason is left. */
    public synchronized void unsubscribe(String topic, String reason, long slot) {
        Set<String> r = reasons.get(topic);
        if (r != null && r.remove(reason) && r.isEmpty()) {
            reasons.remove(topic);
            subscriptions.remove(topic).unsubscribe();
            Json.event("gossip-subscription").put("node", index).put("peerId", peerId.toBase58()).put("topic", topic)
                    .put("subscribe", false).put("reason", reason).put("slot", slot).print();
        }
    }

    public synchronized boolean isSubscribed(String topic) {
        return reasons.containsKey(topic);
    }

    /** Publishes and prints the ground truth line once the router has taken (or refused) it. */
    public void publish(String kind, String topic, byte[] data, long slot, Integer validator) {
        boolean fanout = !isSubscribed(topic);
        String id = new io.libp2p.etc.types.WBytes(ContentIdMessage.contentId(topic, data)).toString();
        publisher.publish(Unpooled.wrappedBuffer(data), new Topic(topic)).whenComplete((u, e) -> {
            // counted with its line: a publish whose future never completes (its host stopped
            // first) has neither, so the summary's count is the number of lines printed
            counters.publishes().incrementAndGet();
            if (e != null) {
                counters.publishFailures().incrementAndGet();
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            Json.event("gossip-publish").put("node", index).put("peerId", peerId.toBase58()).put("kind", kind).put("topic", topic)
                    .put("messageId", id).put("slot", slot).put("epoch", slot / Duties.SLOTS_PER_EPOCH).put("validator", validator)
                    .put("size", data.length).put("viaFanout", fanout).put("floodPublish", profile == GossipProfile.FLOOD)
                    .put("ok", e == null).put("error", e == null ? null : cause.getClass().getSimpleName()).print();
        });
    }
}
