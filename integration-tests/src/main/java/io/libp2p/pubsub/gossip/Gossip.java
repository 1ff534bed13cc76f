package io.libp2p.pubsub.gossip;

import io.libp2p.core.Connection;
import io.libp2p.core.ConnectionHandler;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.PeerId;
import io.libp2p.core.Stream;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.multistream.ProtocolBinding;
import io.libp2p.core.multistream.ProtocolDescriptor;
import io.libp2p.core.multistream.ProtocolMatcher;
import io.libp2p.core.pubsub.MessageApi;
import io.libp2p.core.pubsub.PubsubApi;
import io.libp2p.core.pubsub.PubsubPublisherApi;
import io.libp2p.core.pubsub.PubsubSubscription;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.core.pubsub.ValidationResult;
import io.libp2p.pubsub.PubsubApiImpl;
import io.libp2p.pubsub.PubsubProtocol;
import io.libp2p.pubsub.gossip.builders.GossipRouterBuilder;
import io.netty.channel.ChannelHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Gossipsub for a host: at once the protocol binding of /meshsub/*, the connection handler that
 * opens our outbound gossip stream on every new connection, and the {@link PubsubApi} (every API
 * call forwards to {@code api}, as Kotlin's {@code PubsubApi by api}).
 */
public final class Gossip implements ProtocolBinding<kotlin.Unit>, ConnectionHandler, PubsubApi {
    private final GossipRouter router;
    private final PubsubApi api;
    private final ChannelHandler debugGossipHandler;
    private final ProtocolDescriptor protocolDescriptor;

    public Gossip(GossipRouter router, PubsubApi api, ChannelHandler debugGossipHandler) {
        this.router = router;
        this.api = api;
        this.debugGossipHandler = debugGossipHandler;
        List<String> ids = announced(router.getProtocol());
        this.protocolDescriptor = new ProtocolDescriptor(ids, ProtocolMatcher.list(ids));
    }

    public Gossip(GossipRouter router, PubsubApi api) {
        this(router, api, null);
    }

    public Gossip(GossipRouter router) {
        this(router, new PubsubApiImpl(router));
    }

    public Gossip() {
        this(new GossipRouterBuilder().build());
    }

    private static List<String> announced(PubsubProtocol p) {
        return switch (p) {
            case Gossip_V_1_3 -> List.of("/meshsub/1.3.0", "/meshsub/1.2.0", "/meshsub/1.1.0", "/meshsub/1.0.0");
            case Gossip_V_1_2 -> List.of("/meshsub/1.2.0", "/meshsub/1.1.0", "/meshsub/1.0.0");
            case Gossip_V_1_1 -> List.of("/meshsub/1.1.0", "/meshsub/1.0.0");
            case Gossip_V_1_0 -> List.of("/meshsub/1.0.0");
            case Floodsub -> throw new IllegalArgumentException("Gossip never offers /floodsub/1.0.0");
        };
    }

    public final GossipRouter getRouter() {
        return router;
    }

    public final PubsubApi getApi() {
        return api;
    }

    public final ChannelHandler getDebugGossipHandler() {
        return debugGossipHandler;
    }

    /** The last score computed on the event thread (0.0 for unknown peers); safe on any thread. */
    public final double getGossipScore(PeerId peerId) {
        return router.getScore().getCachedScore(peerId);
    }

    public final void updateTopicScoreParams(Map<String, ?> scoreParams) {
        router.submitOnEventThread(() -> {
            router.getScore().updateTopicParams(scoreParams);
            return kotlin.Unit.INSTANCE;
        });
    }

    @Override
    public ProtocolDescriptor getProtocolDescriptor() {
        return protocolDescriptor;
    }

    /** Netty thread: every new connection gets our outbound gossip stream at once. */
    @Override
    public void handleConnection(Connection conn) {
        conn.muxerSession().createStream(this);
    }

    /** Netty thread, once per negotiated stream (inbound and outbound). */
    @Override
    public CompletableFuture<? extends kotlin.Unit> initChannel(P2PChannel ch, String selectedProtocol) {
        router.addPeerWithDebugHandler((Stream) ch, debugGossipHandler);
        return CompletableFuture.completedFuture(kotlin.Unit.INSTANCE);
    }

    @Override
    public PubsubSubscription subscribe(Function<MessageApi, CompletableFuture<ValidationResult>> receiver, Topic... topics) {
        return api.subscribe(receiver, topics);
    }

    @Override
    public PubsubSubscription subscribe(Consumer<MessageApi> receiver, Topic... topics) {
        return api.subscribe(receiver, topics);
    }

    @Override
    public CompletableFuture<Map<PeerId, Set<Topic>>> getPeerTopics() {
        return api.getPeerTopics();
    }

    @Override
    public PubsubPublisherApi createPublisher(PrivKey privKey, kotlin.jvm.functions.Function0<Long> seqIdGenerator) {
        return api.createPublisher(privKey, seqIdGenerator);
    }

    @Override
    public PubsubPublisherApi createPublisher(PrivKey privKey, long initSeqId) {
        return api.createPublisher(privKey, initSeqId);
    }
}
