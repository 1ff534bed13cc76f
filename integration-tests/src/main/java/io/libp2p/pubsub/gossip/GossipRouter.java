package io.libp2p.pubsub.gossip;

import com.google.protobuf.ByteString;
import io.libp2p.core.PeerId;
import io.libp2p.core.pubsub.ValidationResult;
import io.libp2p.etc.types.WBytes;
import io.libp2p.pubsub.AbstractRouter;
import io.libp2p.pubsub.NoPeersForOutboundMessageException;
import io.libp2p.pubsub.PubsubMessage;
import io.libp2p.pubsub.PubsubProtocol;
import io.libp2p.pubsub.PubsubRouterMessageValidator;
import io.libp2p.pubsub.SeenCache;
import io.libp2p.pubsub.TTLSeenCache;
import io.libp2p.pubsub.TopicSubscriptionFilter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import pubsub.pb.Rpc;

/**
 * The gossipsub router (/meshsub/1.0.0-1.2.0): topic meshes kept between D_lo and D_hi by GRAFT and
 * PRUNE (with backoff), fanout for topics we publish to without subscribing, IHAVE/IWANT gossip
 * from the message cache, IDONTWANT for large messages (also before our own publish), a seen cache
 * and behaviour-penalty scoring. Everything runs on the router's single event thread.
 */
public class GossipRouter extends AbstractRouter {
    private record BackoffKey(PeerId peer, String topic) {
    }

    private final GossipParams params;
    private final GossipScoreParams scoreParams;
    private final kotlin.jvm.functions.Function0<Long> currentTimeSupplier;
    private final Random random;
    private final String name;
    private final MCache mCache;
    private final GossipScore score;
    private final GossipExtensionsConfig extensionsConfig;
    private final GossipRouterEventBroadcaster eventBroadcaster = new GossipRouterEventBroadcaster();
    private final Map<String, Set<PeerHandler>> mesh = new LinkedHashMap<>();
    private final Map<String, Set<PeerHandler>> fanout = new LinkedHashMap<>();
    private final Map<String, Long> lastPublished = new LinkedHashMap<>();
    private final Map<BackoffKey, Long> backoffExpireTimes = new HashMap<>();
    private final Map<PeerHandler, Map<WBytes, Long>> peerDontWant = new HashMap<>();
    private final Map<PeerHandler, Integer> iHavesThisHeartbeat = new HashMap<>();
    private final Map<PeerHandler, Integer> iWantedThisHeartbeat = new HashMap<>();
    private final Map<PeerHandler, Map<WBytes, Integer>> iWantServed = new HashMap<>();
    private final AtomicLong droppedRpcs = new AtomicLong();
    private final AtomicLong heartbeats = new AtomicLong();
    private ScheduledFuture<?> heartbeatTask;

    public GossipRouter(GossipParams params, GossipScoreParams scoreParams, kotlin.jvm.functions.Function0<Long> currentTimeSupplier,
            Random random, String name, MCache mCache, GossipScore score, GossipExtensionsConfig gossipExtensionsConfig,
            TopicSubscriptionFilter subscriptionFilter, PubsubProtocol protocol, ScheduledExecutorService executor,
            kotlin.jvm.functions.Function1<? super Rpc.Message, ? extends PubsubMessage> messageFactory,
            SeenCache<Optional<ValidationResult>> seenMessages, PubsubRouterMessageValidator messageValidator) {
        super(executor, protocol, subscriptionFilter, params.getMaxGossipMessageSize(), messageFactory, seenMessages, messageValidator);
        this.params = params;
        this.scoreParams = scoreParams;
        this.currentTimeSupplier = currentTimeSupplier;
        this.random = random;
        this.name = name;
        this.mCache = mCache;
        this.score = score;
        this.extensionsConfig = gossipExtensionsConfig;
    }

    public final GossipParams getParams() {
        return params;
    }

    public final GossipScoreParams getScoreParams() {
        return scoreParams;
    }

    public final GossipScore getScore() {
        return score;
    }

    /** Topic → mesh peers; event thread only (or through {@code submitOnEventThread}). */
    public final Map<String, Set<PeerHandler>> getMesh() {
        return mesh;
    }

    /** Topic → fanout peers; event thread only. */
    public final Map<String, Set<PeerHandler>> getFanout() {
        return fanout;
    }

    public final GossipRouterEventBroadcaster getEventBroadcaster() {
        return eventBroadcaster;
    }

    public final String getName() {
        return name;
    }

    public final MCache getMCache() {
        return mCache;
    }

    public final GossipExtensionsConfig getExtensionsConfig() {
        return extensionsConfig;
    }

    /** RPCs dropped whole (list limits, rejected subscriptions); any thread. */
    public final long getDroppedRpcCount() {
        return droppedRpcs.get();
    }

    /** Heartbeats run so far; any thread. */
    public final long getHeartbeatCount() {
        return heartbeats.get();
    }

    /** Stops the heartbeat and the event thread (the test host's routers otherwise live as long as the JVM). */
    public void shutdown() {
        getExecutor().shutdownNow();
    }

    private long now() {
        return currentTimeSupplier.invoke();
    }

    // ---- peers ----

    @Override
    protected void onPeerActive(PeerHandler peer) {
        eventBroadcaster.notifyConnected(peer.getPeerId(), peer.getRemoteAddress());
        super.onPeerActive(peer);
        if (heartbeatTask == null) {
            long ms = params.getHeartbeatInterval().toMillis();
            heartbeatTask = getExecutor().scheduleWithFixedDelay(this::heartbeat, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void onPeerDisconnected(PeerHandler peer) {
        eventBroadcaster.notifyDisconnected(peer.getPeerId());
        for (Set<PeerHandler> m : mesh.values()) {
            m.remove(peer);
        }
        for (Set<PeerHandler> f : fanout.values()) {
            f.remove(peer);
        }
        peerDontWant.remove(peer);
        iHavesThisHeartbeat.remove(peer);
        iWantedThisHeartbeat.remove(peer);
        iWantServed.remove(peer);
        super.onPeerDisconnected(peer);
    }

    @Override
    protected void onPeerWireException(PeerHandler peer, Throwable cause) {
        if (peer == null) {
            return;
        }
        notifyRouterMisbehavior(peer, 1);
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            // the frame boundary is lost: nothing after it can be read, so the peer goes
            peer.close();
        }
    }

    @Override
    protected void onServiceException(Throwable cause) {
        System.err.println("GossipRouter " + name + ": task failed on the event thread: " + cause);
    }

    @Override
    protected boolean acceptRequestsFrom(PeerHandler peer) {
        return score.getCachedScore(peer.getPeerId()) >= scoreParams.getGraylistThreshold();
    }

    @Override
    protected boolean validateMessageListLimits(Rpc.RPC rpc) {
        Integer maxSubs = params.getMaxSubscriptions();
        if (maxSubs != null && rpc.getSubscriptionsCount() > maxSubs) {
            return false;
        }
        Integer maxPub = params.getMaxPublishedMessages();
        if (maxPub != null && rpc.getPublishCount() > maxPub) {
            return false;
        }
        if (rpc.hasControl()) {
            for (Rpc.ControlIHave ih : rpc.getControl().getIhaveList()) {
                if (ih.getMessageIDsCount() > params.getMaxIHaveLength()) {
                    return false;
                }
            }
            Integer maxIWant = params.getMaxIWantMessageIds();
            if (maxIWant != null) {
                int n = 0;
                for (Rpc.ControlIWant iw : rpc.getControl().getIwantList()) {
                    n += iw.getMessageIDsCount();
                }
                return n <= maxIWant;
            }
        }
        return true;
    }

    @Override
    protected void notifyDroppedRpc(PeerHandler peer, String why) {
        droppedRpcs.incrementAndGet();
    }

    @Override
    protected void notifyMalformedMessage(PeerHandler peer) {
        notifyRouterMisbehavior(peer, 1);
    }

    // ---- event callbacks (event thread) ----

    protected void notifyUnseenMessage(PeerHandler peer, PubsubMessage msg) {
        eventBroadcaster.notifyUnseenMessage(peer.getPeerId(), msg);
    }

    protected void notifySeenMessage(PeerHandler peer, PubsubMessage msg, Optional<ValidationResult> validationResult) {
        eventBroadcaster.notifySeenMessage(peer.getPeerId(), msg, validationResult);
    }

    protected void notifyUnseenInvalidMessage(PeerHandler peer, PubsubMessage msg) {
        eventBroadcaster.notifyUnseenInvalidMessage(peer.getPeerId(), msg);
        notifyRouterMisbehavior(peer, 1);
    }

    protected void notifyUnseenValidMessage(PeerHandler peer, PubsubMessage msg) {
        eventBroadcaster.notifyUnseenValidMessage(peer.getPeerId(), msg);
    }

    protected void notifyMeshed(PeerHandler peer, String topic) {
        eventBroadcaster.notifyMeshed(peer.getPeerId(), topic);
    }

    public final void notifyPruned(PeerHandler peer, String topic) {
        eventBroadcaster.notifyPruned(peer.getPeerId(), topic);
    }

    public final void notifyRouterMisbehavior(PeerHandler peer, int count) {
        eventBroadcaster.notifyRouterMisbehavior(peer.getPeerId(), count);
        if (score instanceof DefaultGossipScore s) {
            s.notifyRouterMisbehavior(peer.getPeerId(), count);
        }
    }

    // ---- control ----

    @Override
    protected void processControl(Rpc.ControlMessage ctrl, PeerHandler receivedFrom) {
        for (Rpc.ControlGraft g : ctrl.getGraftList()) {
            handleGraft(receivedFrom, g.getTopicID());
        }
        for (Rpc.ControlPrune p : ctrl.getPruneList()) {
            handlePrune(receivedFrom, p);
        }
        for (Rpc.ControlIHave ih : ctrl.getIhaveList()) {
            handleIHave(receivedFrom, ih);
        }
        for (Rpc.ControlIWant iw : ctrl.getIwantList()) {
            handleIWant(receivedFrom, iw);
        }
        for (Rpc.ControlIDontWant idw : ctrl.getIdontwantList()) {
            handleIDontWant(receivedFrom, idw);
        }
    }

    private void handleGraft(PeerHandler peer, String topic) {
        Set<PeerHandler> m = mesh.get(topic);
        if (m == null) {
            // not subscribed: refuse (a PRUNE with backoff), no callback
            enqueuePrune(peer, topic);
            return;
        }
        if (m.contains(peer)) {
            return;
        }
        if (isBackOff(peer, topic)) {
            // GRAFT during our backoff: penalised and refused; the backoff starts again
            notifyRouterMisbehavior(peer, 1);
            setBackOff(peer, topic, params.getPruneBackoff().toMillis());
            enqueuePrune(peer, topic);
            return;
        }
        if (score.getCachedScore(peer.getPeerId()) < 0) {
            setBackOff(peer, topic, params.getPruneBackoff().toMillis());
            enqueuePrune(peer, topic);
            return;
        }
        if (m.size() >= params.getDHigh() && !peer.isOutbound()) {
            setBackOff(peer, topic, params.getPruneBackoff().toMillis());
            enqueuePrune(peer, topic);
            return;
        }
        graft(peer, topic);
    }

    private void handlePrune(PeerHandler peer, Rpc.ControlPrune prune) {
        String topic = prune.getTopicID();
        Set<PeerHandler> m = mesh.get(topic);
        if (m != null && m.remove(peer)) {
            notifyPruned(peer, topic);
        }
        long backoffMs = prune.hasBackoff() ? prune.getBackoff() * 1000 : params.getPruneBackoff().toMillis();
        setBackOff(peer, topic, backoffMs);
    }

    private void handleIHave(PeerHandler peer, Rpc.ControlIHave ihave) {
        if (score.getCachedScore(peer.getPeerId()) < scoreParams.getGossipThreshold()) {
            return;
        }
        int n = iHavesThisHeartbeat.merge(peer, 1, Integer::sum);
        if (n > params.getMaxIHaveMessages()) {
            if (n == params.getMaxIHaveMessages() + 1) {
                notifyRouterMisbehavior(peer, 1); // counted once per heartbeat; the rest is ignored
            }
            return;
        }
        if (!mesh.containsKey(ihave.getTopicID())) {
            return;
        }
        int asked = iWantedThisHeartbeat.getOrDefault(peer, 0);
        List<ByteString> want = new ArrayList<>();
        for (ByteString id : ihave.getMessageIDsList()) {
            if (asked + want.size() >= params.getMaxIHaveLength()) {
                break;
            }
            if (!getSeenMessages().isSeen(new WBytes(id.toByteArray()))) {
                want.add(id);
            }
        }
        if (!want.isEmpty()) {
            iWantedThisHeartbeat.put(peer, asked + want.size());
            parts(peer).addIWant(want);
        }
    }

    private void handleIWant(PeerHandler peer, Rpc.ControlIWant iwant) {
        if (score.getCachedScore(peer.getPeerId()) < scoreParams.getGossipThreshold()) {
            return;
        }
        Map<WBytes, Integer> served = iWantServed.computeIfAbsent(peer, p -> new HashMap<>());
        int i = 0;
        for (ByteString raw : iwant.getMessageIDsList()) {
            if (i++ >= params.getMaxIHaveLength()) {
                break;
            }
            WBytes id = new WBytes(raw.toByteArray());
            PubsubMessage msg = mCache.getMessage(id);
            if (msg != null && served.merge(id, 1, Integer::sum) <= params.getGossipRetransmission()) {
                submitPublishMessage(peer, msg);
            }
        }
    }

    private void handleIDontWant(PeerHandler peer, Rpc.ControlIDontWant idw) {
        if (!peerProtocol(peer).supportsIDontWant()) {
            return;
        }
        Map<WBytes, Long> ids = peerDontWant.computeIfAbsent(peer, p -> new LinkedHashMap<>());
        long expiry = now() + params.getIDontWantTTL().toMillis();
        for (ByteString raw : idw.getMessageIDsList()) {
            if (ids.size() >= params.getMaxIHaveLength()) {
                break; // bounded per peer; the oldest expire at the next heartbeats
            }
            ids.put(new WBytes(raw.toByteArray()), expiry);
        }
    }

    private boolean peerDoesNotWant(PeerHandler peer, WBytes id) {
        Map<WBytes, Long> ids = peerDontWant.get(peer);
        return ids != null && ids.containsKey(id);
    }

    // ---- mesh ----

    private void graft(PeerHandler peer, String topic) {
        if (mesh.computeIfAbsent(topic, t -> new LinkedHashSet<>()).add(peer)) {
            parts(peer).addGraft(topic);
            notifyMeshed(peer, topic);
        }
    }

    private void prune(PeerHandler peer, String topic) {
        setBackOff(peer, topic, params.getPruneBackoff().toMillis());
        enqueuePrune(peer, topic);
        Set<PeerHandler> m = mesh.get(topic);
        if (m != null && m.remove(peer)) {
            notifyPruned(peer, topic);
        }
    }

    private void enqueuePrune(PeerHandler peer, String topic) {
        Long backoff = peerProtocol(peer).supportsBackoffAndPX() ? params.getPruneBackoff().toSeconds() : null;
        parts(peer).addPrune(topic, backoff);
    }

    private void setBackOff(PeerHandler peer, String topic, long millis) {
        backoffExpireTimes.put(new BackoffKey(peer.getPeerId(), topic), now() + millis);
    }

    private boolean isBackOff(PeerHandler peer, String topic) {
        Long t = backoffExpireTimes.get(new BackoffKey(peer.getPeerId(), topic));
        return t != null && now() < t;
    }

    private PubsubProtocol peerProtocol(PeerHandler peer) {
        PubsubProtocol p = PubsubProtocol.fromAnnounce(peer.getProtocolId());
        return p != null ? p : getProtocol();
    }

    final PubsubProtocol getPeerProtocol(PeerHandler peer) {
        return peerProtocol(peer);
    }

    @Override
    protected void subscribe(String topic) {
        super.subscribe(topic);
        Set<PeerHandler> m = mesh.computeIfAbsent(topic, t -> new LinkedHashSet<>());
        Set<PeerHandler> fromFanout = fanout.remove(topic);
        lastPublished.remove(topic);
        List<PeerHandler> candidates = new ArrayList<>();
        if (fromFanout != null) {
            candidates.addAll(fromFanout);
        }
        List<PeerHandler> others = getTopicPeers(topic);
        Collections.shuffle(others, random);
        for (PeerHandler p : others) {
            if (!candidates.contains(p)) {
                candidates.add(p);
            }
        }
        for (PeerHandler p : candidates) {
            if (m.size() >= params.getD()) {
                break;
            }
            if (getTopicPeers(topic).contains(p) && !isBackOff(p, topic) && score.getCachedScore(p.getPeerId()) >= 0) {
                graft(p, topic);
            }
        }
    }

    @Override
    protected void unsubscribe(String topic) {
        super.unsubscribe(topic);
        Set<PeerHandler> m = mesh.remove(topic);
        if (m != null) {
            for (PeerHandler p : m) {
                setBackOff(p, topic, params.getPruneBackoff().toMillis());
                enqueuePrune(p, topic);
                notifyPruned(p, topic);
            }
        }
    }

    // ---- forwarding and publishing ----

    @Override
    protected void broadcastInbound(List<PubsubMessage> msgs, PeerHandler receivedFrom) {
        for (PubsubMessage msg : msgs) {
            mCache.add(msg);
            if (msg.getSize() >= params.getIDontWantMinMessageSizeThreshold()) {
                sendIDontWant(msg, receivedFrom);
            }
            Set<PeerHandler> peers = new LinkedHashSet<>();
            for (String t : msg.getTopics()) {
                Set<PeerHandler> m = mesh.get(t);
                if (m != null) {
                    peers.addAll(m);
                }
            }
            peers.remove(receivedFrom); // the origin itself is not excluded: its copy comes back as a duplicate
            for (PeerHandler p : peers) {
                if (!peerDoesNotWant(p, msg.getMessageId())) {
                    submitPublishMessage(p, msg);
                }
            }
        }
    }

    @Override
    protected CompletableFuture<kotlin.Unit> broadcastOutbound(PubsubMessage msg) {
        mCache.add(msg);
        boolean flood = msg.getSize() <= params.getFloodPublishMaxMessageSizeThreshold();
        Set<PeerHandler> peers = new LinkedHashSet<>();
        for (String topic : msg.getTopics()) {
            List<PeerHandler> topicPeers = getTopicPeers(topic);
            topicPeers.removeIf(p -> score.getCachedScore(p.getPeerId()) < scoreParams.getPublishThreshold());
            if (flood) {
                peers.addAll(topicPeers);
            } else if (mesh.containsKey(topic)) {
                Set<PeerHandler> m = mesh.get(topic);
                peers.addAll(m);
                if (m.size() < params.getD()) {
                    topicPeers.removeAll(m);
                    peers.addAll(randomSubset(topicPeers, params.getD() - m.size()));
                }
            } else {
                Set<PeerHandler> f = fanout.get(topic);
                if (f == null || f.isEmpty()) {
                    f = new LinkedHashSet<>(randomSubset(topicPeers, params.getD()));
                    fanout.put(topic, f);
                }
                peers.addAll(f);
                lastPublished.put(topic, now());
            }
        }
        if (msg.getSize() >= params.getIDontWantMinMessageSizeThreshold()) {
            // as jvm-libp2p 1.2.1+: our mesh peers hear IDONTWANT for our own message just before it
            sendIDontWant(msg, null);
        }
        peers.removeIf(p -> peerDoesNotWant(p, msg.getMessageId()));
        if (peers.isEmpty()) {
            return CompletableFuture.failedFuture(new NoPeersForOutboundMessageException(
                    "No peers for message topics " + msg.getTopics() + " found"));
        }
        List<CompletableFuture<kotlin.Unit>> sent = new ArrayList<>();
        for (PeerHandler p : peers) {
            sent.add(submitPublishMessage(p, msg));
        }
        flushAllPending();
        return anyComplete(sent);
    }

    private void sendIDontWant(PubsubMessage msg, PeerHandler except) {
        Set<PeerHandler> targets = new LinkedHashSet<>();
        for (String t : msg.getTopics()) {
            Set<PeerHandler> m = mesh.get(t);
            if (m != null) {
                targets.addAll(m);
            }
        }
        targets.remove(except);
        Rpc.RPC rpc = null;
        for (PeerHandler p : targets) {
            if (peerProtocol(p).supportsIDontWant()) {
                if (rpc == null) {
                    rpc = Rpc.RPC.newBuilder().setControl(Rpc.ControlMessage.newBuilder().addIdontwant(
                            Rpc.ControlIDontWant.newBuilder().addMessageIDs(ByteString.copyFrom(msg.getMessageId().getArray())))).build();
                }
                send(p, rpc);
            }
        }
    }

    private static CompletableFuture<kotlin.Unit> anyComplete(List<CompletableFuture<kotlin.Unit>> all) {
        CompletableFuture<kotlin.Unit> out = new CompletableFuture<>();
        int[] failed = {0};
        for (CompletableFuture<kotlin.Unit> f : all) {
            f.whenComplete((u, e) -> {
                if (e == null) {
                    out.complete(kotlin.Unit.INSTANCE);
                } else {
                    synchronized (failed) {
                        if (++failed[0] == all.size()) {
                            out.completeExceptionally(e);
                        }
                    }
                }
            });
        }
        return out;
    }

    private List<PeerHandler> randomSubset(Collection<PeerHandler> from, int n) {
        List<PeerHandler> l = new ArrayList<>(from);
        Collections.shuffle(l, random);
        return l.size() <= n ? l : new ArrayList<>(l.subList(0, Math.max(0, n)));
    }

    // ---- heartbeat ----

    /** Event thread, every heartbeat interval: mesh upkeep, fanout expiry, IHAVE gossip, cache shifts. */
    protected void heartbeat() {
        try {
            heartbeats.incrementAndGet();
            long now = now();
            iHavesThisHeartbeat.clear();
            iWantedThisHeartbeat.clear();
            for (Map.Entry<String, Set<PeerHandler>> e : mesh.entrySet()) {
                String topic = e.getKey();
                Set<PeerHandler> m = e.getValue();
                m.removeIf(p -> !getActivePeers().contains(p) || !getPeerTopics(p).contains(topic));
                for (PeerHandler p : new ArrayList<>(m)) {
                    if (score.getCachedScore(p.getPeerId()) < 0) {
                        prune(p, topic);
                    }
                }
                if (m.size() < params.getDLow()) {
                    List<PeerHandler> candidates = getTopicPeers(topic);
                    candidates.removeAll(m);
                    candidates.removeIf(p -> isBackOff(p, topic) || score.getCachedScore(p.getPeerId()) < 0);
                    for (PeerHandler p : randomSubset(candidates, params.getD() - m.size())) {
                        graft(p, topic);
                    }
                } else if (m.size() > params.getDHigh()) {
                    List<PeerHandler> shuffled = randomSubset(m, m.size());
                    for (PeerHandler p : shuffled.subList(params.getD(), shuffled.size())) {
                        prune(p, topic);
                    }
                }
            }
            long fanoutTtl = params.getFanoutTTL().toMillis();
            for (Iterator<Map.Entry<String, Set<PeerHandler>>> it = fanout.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, Set<PeerHandler>> e = it.next();
                Long last = lastPublished.get(e.getKey());
                if (last == null || last + fanoutTtl < now) {
                    it.remove();
                    lastPublished.remove(e.getKey());
                    continue;
                }
                Set<PeerHandler> f = e.getValue();
                f.removeIf(p -> !getActivePeers().contains(p) || !getPeerTopics(p).contains(e.getKey()));
                if (f.size() < params.getD()) {
                    List<PeerHandler> more = getTopicPeers(e.getKey());
                    more.removeAll(f);
                    f.addAll(randomSubset(more, params.getD() - f.size()));
                }
            }
            emitGossip();
            mCache.shift();
            if (heartbeats.get() % params.getGossipHistoryLength() == 0) {
                iWantServed.clear();
            }
            backoffExpireTimes.values().removeIf(t -> t < now);
            for (Map<WBytes, Long> ids : peerDontWant.values()) {
                ids.values().removeIf(t -> t < now);
            }
            if (getSeenMessages() instanceof TTLSeenCache<?> ttl) {
                ttl.pruneExpired();
            }
            flushAllPending();
        } catch (RuntimeException e) {
            onServiceException(e);
        }
    }

    private void emitGossip() {
        Set<String> topics = new LinkedHashSet<>(mesh.keySet());
        topics.addAll(fanout.keySet());
        for (String topic : topics) {
            Set<WBytes> ids = mCache.getMessageIds(topic);
            if (ids.isEmpty()) {
                continue;
            }
            Set<PeerHandler> exclude = new HashSet<>(mesh.getOrDefault(topic, Set.of()));
            exclude.addAll(fanout.getOrDefault(topic, Set.of()));
            List<PeerHandler> candidates = getTopicPeers(topic);
            candidates.removeAll(exclude);
            candidates.removeIf(p -> score.getCachedScore(p.getPeerId()) < scoreParams.getGossipThreshold());
            int n = Math.max(params.getDLazy(), (int) (params.getGossipFactor() * candidates.size()));
            List<ByteString> idBytes = new ArrayList<>();
            for (WBytes id : ids) {
                if (idBytes.size() >= params.getMaxIHaveLength()) {
                    break;
                }
                idBytes.add(ByteString.copyFrom(id.getArray()));
            }
            for (PeerHandler p : randomSubset(candidates, n)) {
                parts(p).addIHave(topic, idBytes);
            }
        }
    }
}
