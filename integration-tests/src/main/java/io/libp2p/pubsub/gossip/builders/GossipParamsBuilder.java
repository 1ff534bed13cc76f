package io.libp2p.pubsub.gossip.builders;

import io.libp2p.pubsub.gossip.GossipParams;
import java.time.Duration;

/**
 * Builder of {@link GossipParams}. D_lo, D_hi, D_score and D_out follow D unless set (D·2/3, 2·D,
 * D·2/3, min(D/2, D_lo−1)), as in jvm-libp2p.
 */
public final class GossipParamsBuilder {
    private int d = 6;
    private Integer dLow;
    private Integer dHigh;
    private Integer dScore;
    private Integer dOut;
    private int dLazy = 6;
    private Duration fanoutTTL = Duration.ofSeconds(60);
    private int maxGossipMessageSize = 1 << 20;
    private int gossipSize = 3;
    private int gossipHistoryLength = 5;
    private Duration heartbeatInterval = Duration.ofSeconds(1);
    private Duration seenTTL = Duration.ofMinutes(2);
    private int floodPublishMaxMessageSizeThreshold = GossipParams.NEVER_FLOOD_PUBLISH;
    private double gossipFactor = 0.25;
    private Duration pruneBackoff = Duration.ofSeconds(60);
    private Duration graftFloodThreshold = Duration.ofSeconds(10);
    private int maxIHaveLength = 5000;
    private int maxIHaveMessages = 10;
    private Integer maxSubscriptions;
    private Integer maxPublishedMessages;
    private Integer maxIWantMessageIds;
    private int gossipRetransmission = 3;
    private int iDontWantMinMessageSizeThreshold = 16384;
    private Duration iDontWantTTL = Duration.ofSeconds(3);

    public GossipParamsBuilder() {
    }

    public final GossipParamsBuilder D(int d) {
        this.d = d;
        return this;
    }

    public final GossipParamsBuilder DLow(int dLow) {
        this.dLow = dLow;
        return this;
    }

    public final GossipParamsBuilder DHigh(int dHigh) {
        this.dHigh = dHigh;
        return this;
    }

    public final GossipParamsBuilder DScore(int dScore) {
        this.dScore = dScore;
        return this;
    }

    public final GossipParamsBuilder DOut(int dOut) {
        this.dOut = dOut;
        return this;
    }

    public final GossipParamsBuilder DLazy(int dLazy) {
        this.dLazy = dLazy;
        return this;
    }

    public final GossipParamsBuilder fanoutTTL(Duration fanoutTTL) {
        this.fanoutTTL = fanoutTTL;
        return this;
    }

    public final GossipParamsBuilder heartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
        return this;
    }

    public final GossipParamsBuilder seenTTL(Duration seenTTL) {
        this.seenTTL = seenTTL;
        return this;
    }

    public final GossipParamsBuilder gossipSize(int gossipSize) {
        this.gossipSize = gossipSize;
        return this;
    }

    public final GossipParamsBuilder gossipHistoryLength(int gossipHistoryLength) {
        this.gossipHistoryLength = gossipHistoryLength;
        return this;
    }

    public final GossipParamsBuilder maxGossipMessageSize(int maxGossipMessageSize) {
        this.maxGossipMessageSize = maxGossipMessageSize;
        return this;
    }

    public final GossipParamsBuilder pruneBackoff(Duration pruneBackoff) {
        this.pruneBackoff = pruneBackoff;
        return this;
    }

    public final GossipParamsBuilder floodPublishMaxMessageSizeThreshold(int threshold) {
        this.floodPublishMaxMessageSizeThreshold = threshold;
        return this;
    }

    public final GossipParamsBuilder gossipFactor(double gossipFactor) {
        this.gossipFactor = gossipFactor;
        return this;
    }

    public final GossipParamsBuilder graftFloodThreshold(Duration graftFloodThreshold) {
        this.graftFloodThreshold = graftFloodThreshold;
        return this;
    }

    public final GossipParamsBuilder maxIHaveLength(int maxIHaveLength) {
        this.maxIHaveLength = maxIHaveLength;
        return this;
    }

    public final GossipParamsBuilder maxIHaveMessages(int maxIHaveMessages) {
        this.maxIHaveMessages = maxIHaveMessages;
        return this;
    }

    public final GossipParamsBuilder maxSubscriptions(Integer maxSubscriptions) {
        this.maxSubscriptions = maxSubscriptions;
        return this;
    }

    public final GossipParamsBuilder maxPublishedMessages(Integer maxPublishedMessages) {
        this.maxPublishedMessages = maxPublishedMessages;
        return this;
    }

    public final GossipParamsBuilder maxIWantMessageIds(Integer maxIWantMessageIds) {
        this.maxIWantMessageIds = maxIWantMessageIds;
        return this;
    }

    public final GossipParamsBuilder gossipRetransmission(int gossipRetransmission) {
        this.gossipRetransmission = gossipRetransmission;
        return this;
    }

    public final GossipParamsBuilder iDontWantMinMessageSizeThreshold(int threshold) {
        this.iDontWantMinMessageSizeThreshold = threshold;
        return this;
    }

    public final GossipParamsBuilder iDontWantTTL(Duration ttl) {
        this.iDontWantTTL = ttl;
        return this;
    }

    public final GossipParams build() {
        return new GossipParams(this);
    }

    public int getD() {
        return d;
    }

    public int getDLow() {
        return dLow != null ? dLow : d * 2 / 3;
    }

    public int getDHigh() {
        return dHigh != null ? dHigh : d * 2;
    }

    public int getDScore() {
        return dScore != null ? dScore : d * 2 / 3;
    }

    public int getDOut() {
        return dOut != null ? dOut : Math.max(0, Math.min(d / 2, getDLow() - 1));
    }

    public int getDLazy() {
        return dLazy;
    }

    public Duration getFanoutTTL() {
        return fanoutTTL;
    }

    public int getMaxGossipMessageSize() {
        return maxGossipMessageSize;
    }

    public int getGossipSize() {
        return gossipSize;
    }

    public int getGossipHistoryLength() {
        return gossipHistoryLength;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public Duration getSeenTTL() {
        return seenTTL;
    }

    public int getFloodPublishMaxMessageSizeThreshold() {
        return floodPublishMaxMessageSizeThreshold;
    }

    public double getGossipFactor() {
        return gossipFactor;
    }

    public Duration getPruneBackoff() {
        return pruneBackoff;
    }

    public Duration getGraftFloodThreshold() {
        return graftFloodThreshold;
    }

    public int getMaxIHaveLength() {
        return maxIHaveLength;
    }

    public int getMaxIHaveMessages() {
        return maxIHaveMessages;
    }

    public Integer getMaxSubscriptions() {
        return maxSubscriptions;
    }

    public Integer getMaxPublishedMessages() {
        return maxPublishedMessages;
    }

    public Integer getMaxIWantMessageIds() {
        return maxIWantMessageIds;
    }

    public int getGossipRetransmission() {
        return gossipRetransmission;
    }

    public int getIDontWantMinMessageSizeThreshold() {
        return iDontWantMinMessageSizeThreshold;
    }

    public Duration getIDontWantTTL() {
        return iDontWantTTL;
    }
}
