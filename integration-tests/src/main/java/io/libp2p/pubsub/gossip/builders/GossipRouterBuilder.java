package io.libp2p.pubsub.gossip.builders;

import io.libp2p.core.pubsub.ValidationResult;
import io.libp2p.pubsub.DefaultPubsubMessage;
import io.libp2p.pubsub.PubsubMessage;
import io.libp2p.pubsub.PubsubProtocol;
import io.libp2p.pubsub.PubsubRouterKt;
import io.libp2p.pubsub.PubsubRouterMessageValidator;
import io.libp2p.pubsub.SeenCache;
import io.libp2p.pubsub.SimpleSeenCache;
import io.libp2p.pubsub.TTLSeenCache;
import io.libp2p.pubsub.TopicSubscriptionFilter;
import io.libp2p.pubsub.gossip.DefaultGossipScore;
import io.libp2p.pubsub.gossip.GossipExtensionsConfig;
import io.libp2p.pubsub.gossip.GossipParams;
import io.libp2p.pubsub.gossip.GossipRouter;
import io.libp2p.pubsub.gossip.GossipRouterEventListener;
import io.libp2p.pubsub.gossip.GossipScore;
import io.libp2p.pubsub.gossip.GossipScoreParams;
import io.libp2p.pubsub.gossip.MCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import pubsub.pb.Rpc;

/**
 * Builds one {@link GossipRouter} (a builder builds once). Defaults as in jvm-libp2p: protocol
 * /meshsub/1.2.0, default params, no signature check (NOP validator), {@code from ++ seqno} ids, a
 * TTL seen cache, and a fresh single-thread daemon executor "GossipRouter-event-thread-0".
 */
public class GossipRouterBuilder {
    private String name = "GossipRouter";
    private PubsubProtocol protocol = PubsubProtocol.Gossip_V_1_2;
    private GossipParams params = new GossipParams();
    private GossipScoreParams scoreParams = new GossipScoreParams();
    private ScheduledExecutorService scheduledAsyncExecutor;
    private kotlin.jvm.functions.Function0<Long> currentTimeSupplier = System::currentTimeMillis;
    private Random random = new Random();
    private kotlin.jvm.functions.Function1<? super Rpc.Message, ? extends PubsubMessage> messageFactory = DefaultPubsubMessage::new;
    private PubsubRouterMessageValidator messageValidator = PubsubRouterKt.getNOP_ROUTER_VALIDATOR();
    private TopicSubscriptionFilter subscriptionTopicSubscriptionFilter = TopicSubscriptionFilter.ALLOW_ALL;
    private SeenCache<Optional<ValidationResult>> seenCache;
    private final List<GossipRouterEventListener> gossipRouterEventListeners = new ArrayList<>();
    private boolean disposed;

    public GossipRouterBuilder() {
    }

    public final void setName(String name) {
        this.name = name;
    }

    public final String getName() {
        return name;
    }

    public final void setProtocol(PubsubProtocol protocol) {
        this.protocol = protocol;
    }

    public final PubsubProtocol getProtocol() {
        return protocol;
    }

    public final void setParams(GossipParams params) {
        this.params = params;
    }

    public final GossipParams getParams() {
        return params;
    }

    public final void setScoreParams(GossipScoreParams scoreParams) {
        this.scoreParams = scoreParams;
    }

    public final GossipScoreParams getScoreParams() {
        return scoreParams;
    }

    public final void setScheduledAsyncExecutor(ScheduledExecutorService executor) {
        this.scheduledAsyncExecutor = executor;
    }

    public final kotlin.jvm.functions.Function0<Long> getCurrentTimeSupplier() {
        return currentTimeSupplier;
    }

    public final void setCurrentTimeSupplier(kotlin.jvm.functions.Function0<Long> currentTimeSupplier) {
        this.currentTimeSupplier = currentTimeSupplier;
    }

    public final void setRandom(Random random) {
        this.random = random;
    }

    public final void setMessageFactory(kotlin.jvm.functions.Function1<? super Rpc.Message, ? extends PubsubMessage> messageFactory) {
        this.messageFactory = messageFactory;
    }

    public final void setMessageValidator(PubsubRouterMessageValidator messageValidator) {
        this.messageValidator = messageValidator;
    }

    public final void setSubscriptionTopicSubscriptionFilter(TopicSubscriptionFilter filter) {
        this.subscriptionTopicSubscriptionFilter = filter;
    }

    public final List<GossipRouterEventListener> getGossipRouterEventListeners() {
        return gossipRouterEventListeners;
    }

    public final void setSeenCache(SeenCache<Optional<ValidationResult>> seenCache) {
        this.seenCache = seenCache;
    }

    /** Subclasses may build a GossipRouter subclass here. */
    protected GossipRouter createGossipRouter() {
        GossipScore score = new DefaultGossipScore(scoreParams);
        ScheduledExecutorService executor = scheduledAsyncExecutor != null ? scheduledAsyncExecutor : newEventThread();
        SeenCache<Optional<ValidationResult>> seen = seenCache != null ? seenCache
                : new TTLSeenCache<>(new SimpleSeenCache<>(), params.getSeenTTL(), currentTimeSupplier);
        return new GossipRouter(params, scoreParams, currentTimeSupplier, random, name,
                new MCache(params.getGossipSize(), params.getGossipHistoryLength()), score, new GossipExtensionsConfig(),
                subscriptionTopicSubscriptionFilter, protocol, executor, messageFactory, seen, messageValidator);
    }

    public GossipRouter build() {
        if (disposed) {
            throw new IllegalStateException("The builder was already used");
        }
        disposed = true;
        GossipRouter router = createGossipRouter();
        router.getEventBroadcaster().getListeners().addAll(gossipRouterEventListeners);
        return router;
    }

    /** Every router gets its own factory, so every event thread is "...-0", as in jvm-libp2p. */
    private static ScheduledExecutorService newEventThread() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "GossipRouter-event-thread-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
    }
}
