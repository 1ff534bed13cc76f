package dev.privacyagent.agent.dispatch.gossip;

import java.time.Duration;

/**
 * How gossip is captured: which received messages get their own event, how often the per-topic
 * and per-peer stats are written, and whether every gossip event throws (fault injection).
 */
public record GossipSettings(MessageSampling sampling, Duration statsInterval, boolean faults) {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  public static final GossipSettings DEFAULT =
      new GossipSettings(MessageSampling.DEFAULT, DEFAULT_INTERVAL, false);
}
