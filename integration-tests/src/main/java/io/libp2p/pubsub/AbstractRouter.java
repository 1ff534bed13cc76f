package io.libp2p.pubsub;

import io.libp2p.core.PeerId;
import io.libp2p.core.Stream;
import io.libp2p.core.pubsub.PubsubApiKt;
import io.libp2p.core.pubsub.ValidationResult;
import io.libp2p.etc.util.P2PServiceSemiDuplex;
import io.libp2p.protocol.BoundedVarintFrameDecoder;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.codec.protobuf.ProtobufVarint32LengthFieldPrepender;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import pubsub.pb.Rpc;

/**
 * The pubsub router core shared by routers: the stream pipeline, subscriptions, the inbound RPC
 * flow (subscriptions, control, messages: seen check, router validator, app handler), publish and
 * the per-peer send queue. All state is owned by the event thread (see {@link P2PServiceSemiDuplex}).
 */
public abstract class AbstractRouter extends P2PServiceSemiDuplex implements PubsubRouter, PubsubRouterDebug {
    private final PubsubProtocol protocol;
    private final TopicSubscriptionFilter subscriptionFilter;
    private final int maxMsgSize;
    private final kotlin.jvm.functions.Function1<? super Rpc.Message, ? extends PubsubMessage> messageFactory;
    private final SeenCache<Optional<ValidationResult>> seenMessages;
    private final PubsubRouterMessageValidator messageValidator;
    private volatile kotlin.jvm.functions.Function1<? super PubsubMessage, ? extends CompletableFuture<ValidationResult>> msgHandler =
            m -> PubsubApiKt.getRESULT_VALID();
    private final Map<PeerHandler, Set<String>> peersTopics = new LinkedHashMap<>();
    private final LinkedHashSet<String> subscribedTopics = new LinkedHashSet<>();
    private final Map<PeerHandler, RpcPartsQueue> pendingRpcParts = new HashMap<>();

    protected AbstractRouter(ScheduledExecutorService executor, PubsubProtocol protocol, TopicSubscriptionFilter subscriptionFilter,
            int maxMsgSize, kotlin.jvm.functions.Function1<? super Rpc.Message, ? extends PubsubMessage> messageFactory,
            SeenCache<Optional<ValidationResult>> seenMessages, PubsubRouterMessageValidator messageValidator) {
        super(executor);
        this.protocol = protocol;
        this.subscriptionFilter = subscriptionFilter;
        this.maxMsgSize = maxMsgSize;
        this.messageFactory = messageFactory;
        this.seenMessages = seenMessages;
        this.messageValidator = messageValidator;
    }

    @Override
    public PubsubProtocol getProtocol() {
        return protocol;
    }

    @Override
    @SuppressWarnings("unchecked")
    public kotlin.jvm.functions.Function1<Rpc.Message, PubsubMessage> getMessageFactory() {
        return (kotlin.jvm.functions.Function1<Rpc.Message, PubsubMessage>) messageFactory;
    }

    public final SeenCache<Optional<ValidationResult>> getSeenMessages() {
        return seenMessages;
    }

    public final int getMaxMsgSize() {
        return maxMsgSize;
    }

    @Override
    public void initHandler(kotlin.jvm.functions.Function1<? super PubsubMessage, ? extends CompletableFuture<ValidationResult>> handler) {
        this.msgHandler = handler;
    }

    // ---- publish (caller thread, then event thread) ----

    @Override
    public CompletableFuture<kotlin.Unit> publish(PubsubMessage msg) {
        return submitAsyncOnEventThread(() -> {
            if (seenMessages.isSeen(msg)) {
                return CompletableFuture.failedFuture(new MessageAlreadySeenException("Msg " + msg.getMessageId() + " already seen"));
            }
            try {
                messageValidator.validate(msg);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            seenMessages.put(msg, Optional.of(ValidationResult.Valid));
            return broadcastOutbound(msg);
        });
    }

    /** Event thread: sends our own message to the peers the router chooses. */
    protected abstract CompletableFuture<kotlin.Unit> broadcastOutbound(PubsubMessage msg);

    /** Event thread: forwards received valid messages (called for every inbound RPC, maybe with none). */
    protected abstract void broadcastInbound(List<PubsubMessage> msgs, PeerHandler receivedFrom);

    /** Event thread: handles the control part of an inbound RPC. */
    protected abstract void processControl(Rpc.ControlMessage ctrl, PeerHandler receivedFrom);

    // ---- peers ----

    @Override
    public void addPeer(Stream stream) {
        addPeerWithDebugHandler(stream, null);
    }

    @Override
    public void addPeerWithDebugHandler(Stream stream, ChannelHandler debugHandler) {
        initChannelWithHandler(new StreamHandler(stream), debugHandler);
    }

    /** Netty thread: sets up the stream's pipeline synchronously; the handler then hops to the event thread. */
    protected void initChannelWithHandler(StreamHandler streamHandler, ChannelHandler debugHandler) {
        Stream stream = streamHandler.getStream();
        stream.pushHandler(new BoundedVarintFrameDecoder(maxMsgSize));
        stream.pushHandler(new ProtobufVarint32LengthFieldPrepender());
        stream.pushHandler(new ProtobufDecoder(Rpc.RPC.getDefaultInstance()));
        stream.pushHandler(new ProtobufEncoder());
        if (debugHandler != null) {
            stream.pushHandler(debugHandler);
        }
        stream.pushHandler(streamHandler);
    }

    @Override
    public void removePeer(Stream stream) {
        stream.close();
    }

    /** Event thread: our outbound stream is up: the peer gets all our subscriptions in one RPC. */
    @Override
    protected void onPeerActive(PeerHandler peer) {
        RpcPartsQueue q = parts(peer);
        for (String t : subscribedTopics) {
            q.addSubscribe(t, true);
        }
        flushPending(peer);
    }

    @Override
    protected void onPeerDisconnected(PeerHandler peer) {
        peersTopics.remove(peer);
        pendingRpcParts.remove(peer);
    }

    // ---- inbound ----

    /** Event thread: one decoded RPC from {@code peer}. */
    @Override
    protected void onInbound(PeerHandler peer, Object msg) {
        if (!(msg instanceof Rpc.RPC rpc)) {
            return;
        }
        if (!acceptRequestsFrom(peer)) {
            return;
        }
        if (!validateMessageListLimits(rpc)) {
            notifyDroppedRpc(peer, "RPC over the list limits");
            return;
        }
        if (rpc.getSubscriptionsCount() > 0) {
            List<PubsubSubscription> subs = new ArrayList<>(rpc.getSubscriptionsCount());
            for (Rpc.RPC.SubOpts s : rpc.getSubscriptionsList()) {
                subs.add(new PubsubSubscription(s.getTopicid(), s.getSubscribe()));
            }
            List<PubsubSubscription> accepted;
            try {
                accepted = subscriptionFilter.filterIncomingSubscriptions(subs, getPeerTopics(peer));
            } catch (RuntimeException e) {
                notifyDroppedRpc(peer, "subscriptions rejected: " + e.getMessage());
                return; // the whole RPC is dropped, as in jvm-libp2p
            }
            for (PubsubSubscription s : accepted) {
                handleMessageSubscriptions(peer, s);
            }
        }
        if (rpc.hasControl()) {
            processControl(rpc.getControl(), peer);
        }
        List<PubsubMessage> valid = new ArrayList<>();
        for (Rpc.Message raw : rpc.getPublishList()) {
            handleInboundMessage(peer, raw, valid);
        }
        broadcastInbound(valid, peer);
        flushAllPending();
    }

    private void handleInboundMessage(PeerHandler peer, Rpc.Message raw, List<PubsubMessage> valid) {
        boolean subscribed = false;
        for (String t : raw.getTopicIDsList()) {
            if (subscribedTopics.contains(t)) {
                subscribed = true;
                break;
            }
        }
        if (!subscribed) {
            notifyNonSubscribedMessage(peer, raw);
            return;
        }
        PubsubMessage m;
        try {
            m = messageFactory.invoke(raw);
        } catch (RuntimeException e) {
            notifyMalformedMessage(peer);
            return;
        }
        if (seenMessages.isSeen(m)) {
            PubsubMessage cached = seenMessages.getSeenMessage(m);
            Optional<ValidationResult> r = seenMessages.getValue(m);
            notifySeenMessage(peer, cached, r == null ? Optional.empty() : r);
            return;
        }
        notifyUnseenMessage(peer, m);
        try {
            messageValidator.validate(m);
        } catch (RuntimeException e) {
            seenMessages.put(m, Optional.of(ValidationResult.Invalid));
            notifyUnseenInvalidMessage(peer, m);
            return;
        }
        seenMessages.put(m, Optional.empty());
        CompletableFuture<ValidationResult> result = invokeHandler(m);
        if (result.isDone()) {
            if (applyValidation(peer, m, result)) {
                valid.add(m);
            }
        } else {
            result.whenCompleteAsync((r, e) -> {
                if (applyValidation(peer, m, result)) {
                    broadcastInbound(List.of(m), peer);
                    flushAllPending();
                }
            }, getExecutor());
        }
    }

    private CompletableFuture<ValidationResult> invokeHandler(PubsubMessage m) {
        try {
            CompletableFuture<ValidationResult> r = msgHandler.invoke(m);
            return r != null ? r : PubsubApiKt.getRESULT_INVALID();
        } catch (RuntimeException e) {
            return PubsubApiKt.getRESULT_INVALID(); // a throwing subscriber rejects the message
        }
    }

    /** Event thread: records the result and fires the callback; true when the message is to be forwarded. */
    private boolean applyValidation(PeerHandler peer, PubsubMessage m, CompletableFuture<ValidationResult> result) {
        ValidationResult r;
        try {
            r = result.join();
        } catch (RuntimeException e) {
            r = ValidationResult.Invalid;
        }
        if (r == null) {
            r = ValidationResult.Invalid;
        }
        seenMessages.put(m, Optional.of(r));
        switch (r) {
            case Valid -> {
                notifyUnseenValidMessage(peer, m);
                return true;
            }
            case Invalid -> notifyUnseenInvalidMessage(peer, m);
            case Ignore -> {
                // no callback for Ignore; the seen cache remembers it
            }
        }
        return false;
    }

    /** Event thread: applies one remote (un)subscription. */
    private final void handleMessageSubscriptions(PeerHandler peer, PubsubSubscription msg) {
        Set<String> topics = peersTopics.computeIfAbsent(peer, p -> new LinkedHashSet<>());
        if (msg.getSubscribe()) {
            topics.add(msg.getTopic());
        } else {
            topics.remove(msg.getTopic());
        }
    }

    /** List limits of jvm-libp2p's RPC decoder; an RPC over them is dropped as a whole. */
    protected boolean validateMessageListLimits(Rpc.RPC rpc) {
        return true;
    }

    /** Graylisting hook: RPCs of a peer for which this is false are ignored. */
    protected boolean acceptRequestsFrom(PeerHandler peer) {
        return true;
    }

    protected void notifyDroppedRpc(PeerHandler peer, String why) {
    }

    protected void notifyNonSubscribedMessage(PeerHandler peer, Rpc.Message msg) {
    }

    protected void notifyMalformedMessage(PeerHandler peer) {
    }

    protected void notifyUnseenMessage(PeerHandler peer, PubsubMessage msg) {
    }

    protected void notifySeenMessage(PeerHandler peer, PubsubMessage msg, Optional<ValidationResult> validationResult) {
    }

    protected void notifyUnseenInvalidMessage(PeerHandler peer, PubsubMessage msg) {
    }

    protected void notifyUnseenValidMessage(PeerHandler peer, PubsubMessage msg) {
    }

    // ---- subscriptions ----

    @Override
    public void subscribe(String... topics) {
        runOnEventThread(() -> {
            for (String t : topics) {
                subscribe(t);
            }
            flushAllPending();
        });
    }

    /** Event thread: one topic we join; every active peer is told. */
    protected void subscribe(String topic) {
        if (subscribedTopics.add(topic)) {
            for (PeerHandler p : getActivePeers()) {
                parts(p).addSubscribe(topic, true);
            }
        }
    }

    @Override
    public void unsubscribe(String... topics) {
        runOnEventThread(() -> {
            for (String t : topics) {
                unsubscribe(t);
            }
            flushAllPending();
        });
    }

    /** Event thread: one topic we leave; every active peer is told. */
    protected void unsubscribe(String topic) {
        if (subscribedTopics.remove(topic)) {
            for (PeerHandler p : getActivePeers()) {
                parts(p).addSubscribe(topic, false);
            }
        }
    }

    protected LinkedHashSet<String> getSubscribedTopics() {
        return subscribedTopics;
    }

    @Override
    public CompletableFuture<Map<PeerId, Set<String>>> getPeerTopics() {
        return submitOnEventThread(() -> {
            Map<PeerId, Set<String>> out = new LinkedHashMap<>();
            for (Map.Entry<PeerHandler, Set<String>> e : peersTopics.entrySet()) {
                out.put(e.getKey().getPeerId(), Set.copyOf(e.getValue()));
            }
            return out;
        });
    }

    /** Event thread: the topics {@code peer} is subscribed to. */
    protected Set<String> getPeerTopics(PeerHandler peer) {
        Set<String> t = peersTopics.get(peer);
        return t == null ? Collections.emptySet() : t;
    }

    /** Event thread: active peers subscribed to {@code topic}. */
    protected List<PeerHandler> getTopicPeers(String topic) {
        List<PeerHandler> out = new ArrayList<>();
        for (PeerHandler p : getActivePeers()) {
            if (getPeerTopics(p).contains(topic)) {
                out.add(p);
            }
        }
        return out;
    }

    // ---- outbound ----

    protected final RpcPartsQueue parts(PeerHandler peer) {
        return pendingRpcParts.computeIfAbsent(peer, p -> new RpcPartsQueue());
    }

    /** Event thread: queues {@code msg} for {@code peer} (sent at the next flush). */
    protected CompletableFuture<kotlin.Unit> submitPublishMessage(PeerHandler toPeer, PubsubMessage msg) {
        return parts(toPeer).addPublish(msg.getProtobufMessage());
    }

    protected void flushAllPending() {
        for (PeerHandler p : new ArrayList<>(pendingRpcParts.keySet())) {
            flushPending(p);
        }
    }

    protected void flushPending(PeerHandler peer) {
        RpcPartsQueue q = pendingRpcParts.get(peer);
        if (q == null || q.isEmpty()) {
            return;
        }
        List<Rpc.RPC> rpcs = q.takeMerged(maxMsgSize);
        List<CompletableFuture<kotlin.Unit>> futures = q.takePublishFutures();
        CompletableFuture<?>[] sent = new CompletableFuture<?>[rpcs.size()];
        for (int i = 0; i < rpcs.size(); i++) {
            sent[i] = send(peer, rpcs.get(i));
        }
        CompletableFuture.allOf(sent).whenComplete((x, e) -> {
            for (CompletableFuture<kotlin.Unit> f : futures) {
                if (e == null) {
                    f.complete(kotlin.Unit.INSTANCE);
                } else {
                    f.completeExceptionally(e);
                }
            }
        });
    }

    /** Event thread: the single point where every RPC leaves for a peer. */
    protected CompletableFuture<kotlin.Unit> send(PeerHandler peer, Rpc.RPC msg) {
        return peer.writeAndFlush(msg);
    }
}
