package io.libp2p.pubsub.gossip;

/**
 * Peer-score parameters. The test host scores only router misbehaviour (GRAFT during backoff,
 * malformed RPCs, IHAVE floods): each counted offence costs {@code behaviourPenaltyWeight}·count².
 * With the defaults every score is 0.0 until a peer misbehaves, and all thresholds are 0.0, as in
 * jvm-libp2p with empty score params.
 */
public final class GossipScoreParams {
    private final double behaviourPenaltyWeight;
    private final double graylistThreshold;
    private final double publishThreshold;
    private final double gossipThreshold;

    public GossipScoreParams() {
        this(-1.0, -100.0, 0.0, 0.0);
    }

    public GossipScoreParams(double behaviourPenaltyWeight, double graylistThreshold, double publishThreshold, double gossipThreshold) {
        this.behaviourPenaltyWeight = behaviourPenaltyWeight;
        this.graylistThreshold = graylistThreshold;
        this.publishThreshold = publishThreshold;
        this.gossipThreshold = gossipThreshold;
    }

    public final double getBehaviourPenaltyWeight() {
        return behaviourPenaltyWeight;
    }

    /** Below it a peer's RPCs are ignored entirely. */
    public final double getGraylistThreshold() {
        return graylistThreshold;
    }

    public final double getPublishThreshold() {
        return publishThreshold;
    }

    public final double getGossipThreshold() {
        return gossipThreshold;
    }
}
