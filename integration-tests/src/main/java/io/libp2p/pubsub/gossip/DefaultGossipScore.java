package io.libp2p.pubsub.gossip;

import io.libp2p.core.PeerId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Behaviour-penalty scoring only (see {@link GossipScoreParams}). Counters live on the event thread;
 * the last computed scores are published in a concurrent map for {@link #getCachedScore}.
 */
public final class DefaultGossipScore implements GossipScore {
    private final GossipScoreParams params;
    private final Map<PeerId, Integer> penalties = new HashMap<>();
    private final Map<PeerId, Double> cached = new ConcurrentHashMap<>();

    public DefaultGossipScore(GossipScoreParams params) {
        this.params = params;
    }

    /** Event thread: one more offence by {@code peerId}. */
    public void notifyRouterMisbehavior(PeerId peerId, int count) {
        penalties.merge(peerId, count, Integer::sum);
        score(peerId);
    }

    /** Event thread: forget a disconnected peer (its penalty does not outlive the connection here). */
    public void notifyDisconnected(PeerId peerId) {
        penalties.remove(peerId);
        cached.remove(peerId);
    }

    @Override
    public double score(PeerId peerId) {
        int p = penalties.getOrDefault(peerId, 0);
        double s = params.getBehaviourPenaltyWeight() * p * p;
        if (p == 0) {
            s = 0.0;
        }
        cached.put(peerId, s);
        return s;
    }

    @Override
    public double getCachedScore(PeerId peerId) {
        return cached.getOrDefault(peerId, 0.0);
    }

    @Override
    public void updateTopicParams(Map<String, ?> topicParams) {
        // topic scoring is not modelled by the test host: nothing to update
    }

    GossipScoreParams getParams() {
        return params;
    }
}
