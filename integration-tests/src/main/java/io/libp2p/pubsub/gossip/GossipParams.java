package io.libp2p.pubsub.gossip;

import io.libp2p.pubsub.gossip.builders.GossipParamsBuilder;
import java.time.Duration;

/**
 * Gossipsub router parameters with jvm-libp2p 1.3.5's defaults (GossipParams.kt): D=6, D_lo=4,
 * D_hi=12, D_lazy=6, heartbeat 1 s, fanout TTL 60 s, seen TTL 2 min, history 5, gossip window 3,
 * prune backoff 60 s, no flood publish, IDONTWANT for messages of 16 KiB or more.
 */
public final class GossipParams {
    public static final int ALWAYS_FLOOD_PUBLISH = Integer.MAX_VALUE;
    public static final int NEVER_FLOOD_PUBLISH = 0;

    private final int d;
    private final int dLow;
    private final int dHigh;
    private final int dScore;
    private final int dOut;
    private final int dLazy;
    private final Duration fanoutTTL;
    private final int maxGossipMessageSize;
    private final int gossipSize;
    private final int gossipHistoryLength;
    private final Duration heartbeatInterval;
    private final Duration seenTTL;
    private final int floodPublishMaxMessageSizeThreshold;
    private final double gossipFactor;
    private final Duration pruneBackoff;
    private final Duration graftFloodThreshold;
    private final int maxIHaveLength;
    private final int maxIHaveMessages;
    private final Integer maxSubscriptions;
    private final Integer maxPublishedMessages;
    private final Integer maxIWantMessageIds;
    private final int gossipRetransmission;
    private final int iDontWantMinMessageSizeThreshold;
    private final Duration iDontWantTTL;

    public GossipParams() {
        this(new GossipParamsBuilder());
    }

    /** Used by {@link GossipParamsBuilder#build()}; validates the D relations as jvm-libp2p does. */
    public GossipParams(GossipParamsBuilder b) {
        this.d = b.getD();
        this.dLow = b.getDLow();
        this.dHigh = b.getDHigh();
        this.dScore = b.getDScore();
        this.dOut = b.getDOut();
        this.dLazy = b.getDLazy();
        this.fanoutTTL = b.getFanoutTTL();
        this.maxGossipMessageSize = b.getMaxGossipMessageSize();
        this.gossipSize = b.getGossipSize();
        this.gossipHistoryLength = b.getGossipHistoryLength();
        this.heartbeatInterval = b.getHeartbeatInterval();
        this.seenTTL = b.getSeenTTL();
        this.floodPublishMaxMessageSizeThreshold = b.getFloodPublishMaxMessageSizeThreshold();
        this.gossipFactor = b.getGossipFactor();
        this.pruneBackoff = b.getPruneBackoff();
        this.graftFloodThreshold = b.getGraftFloodThreshold();
        this.maxIHaveLength = b.getMaxIHaveLength();
        this.maxIHaveMessages = b.getMaxIHaveMessages();
        this.maxSubscriptions = b.getMaxSubscriptions();
        this.maxPublishedMessages = b.getMaxPublishedMessages();
        this.maxIWantMessageIds = b.getMaxIWantMessageIds();
        this.gossipRetransmission = b.getGossipRetransmission();
        this.iDontWantMinMessageSizeThreshold = b.getIDontWantMinMessageSizeThreshold();
        this.iDontWantTTL = b.getIDontWantTTL();
        if (dLow > d || d > dHigh) {
            throw new IllegalArgumentException("need D_lo <= D <= D_hi, got " + dLow + ", " + d + ", " + dHigh);
        }
        if (gossipSize > gossipHistoryLength) {
            throw new IllegalArgumentException("gossipSize must not exceed gossipHistoryLength");
        }
    }

    public static final GossipParamsBuilder builder() {
        return new GossipParamsBuilder();
    }

    public final int getD() {
        return d;
    }

    public final int getDLow() {
        return dLow;
    }

    public final int getDHigh() {
        return dHigh;
    }

    public final int getDScore() {
        return dScore;
    }

    public final int getDOut() {
        return dOut;
    }

    public final int getDLazy() {
        return dLazy;
    }

    public final Duration getFanoutTTL() {
        return fanoutTTL;
    }

    public final int getMaxGossipMessageSize() {
        return maxGossipMessageSize;
    }

    public final int getGossipSize() {
        return gossipSize;
    }

    public final int getGossipHistoryLength() {
        return gossipHistoryLength;
    }

    public final Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public final Duration getSeenTTL() {
        return seenTTL;
    }

    public final int getFloodPublishMaxMessageSizeThreshold() {
        return floodPublishMaxMessageSizeThreshold;
    }

    public final double getGossipFactor() {
        return gossipFactor;
    }

    public final Duration getPruneBackoff() {
        return pruneBackoff;
    }

    public final Duration getGraftFloodThreshold() {
        return graftFloodThreshold;
    }

    public final int getMaxIHaveLength() {
        return maxIHaveLength;
    }

    public final int getMaxIHaveMessages() {
        return maxIHaveMessages;
    }

    /** Max subscriptions in one RPC (null = no limit, the jvm-libp2p default); over it the RPC is dropped. */
    public final Integer getMaxSubscriptions() {
        return maxSubscriptions;
    }

    public final Integer getMaxPublishedMessages() {
        return maxPublishedMessages;
    }

    public final Integer getMaxIWantMessageIds() {
        return maxIWantMessageIds;
    }

    public final int getGossipRetransmission() {
        return gossipRetransmission;
    }

    public final int getIDontWantMinMessageSizeThreshold() {
        return iDontWantMinMessageSizeThreshold;
    }

    public final Duration getIDontWantTTL() {
        return iDontWantTTL;
    }

    @Override
    public String toString() {
        return "GossipParams(D=" + d + ", DLow=" + dLow + ", DHigh=" + dHigh + ", DLazy=" + dLazy
                + ", heartbeatInterval=" + heartbeatInterval + ", fanoutTTL=" + fanoutTTL + ", seenTTL=" + seenTTL
                + ", floodPublishMaxMessageSizeThreshold=" + floodPublishMaxMessageSizeThreshold + ")";
    }
}
