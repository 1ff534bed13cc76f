package dev.privacyagent.analyzer.detect.gossip;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the five gossip detectors share: which topics carry per-validator duties, the adversary's
 * share of our peers, when a subscription counts as long-lived, and the epoch-like period.
 *
 * @param dutyTopics topics whose messages stand for one validator's duty (find, not full match);
 *     default the Ethereum attestation and sync-committee subnets
 * @param adversaryShare f: the fraction of our peers an adversary holds (Heimbach et al. used a
 *     handful of nodes among thousands; 0.1 is a strong but realistic adversary)
 * @param longLivedMillis a subscription period this long is long-lived (Ethereum's backbone
 *     subnets are kept for ~256 epochs, aggregation subscriptions for one or two)
 * @param longLivedShare a period covering this share of the node's observed gossip time is
 *     long-lived too, so that a short run (a demo) still tells backbone from short-lived
 * @param epochMillis the epoch-like period of duties (Ethereum: 32 slots of 12 s)
 */
public record GossipSettings(
    Pattern dutyTopics, double adversaryShare, long longLivedMillis, double longLivedShare, long epochMillis) {

  public GossipSettings {
    Objects.requireNonNull(dutyTopics, "dutyTopics");
    if (!(adversaryShare > 0 && adversaryShare < 1) || longLivedMillis <= 0
        || !(longLivedShare > 0 && longLivedShare <= 1) || epochMillis <= 0) {
      throw new IllegalArgumentException("invalid gossip settings");
    }
  }

  public static final String DEFAULT_DUTY_TOPICS = "(beacon_attestation|sync_committee)_\\d+";

  public static GossipSettings defaults() {
    return new GossipSettings(Pattern.compile(DEFAULT_DUTY_TOPICS), 0.1, 30 * 60_000L, 0.5, 384_000L);
  }

  public GossipSettings withAdversaryShare(double f) {
    return new GossipSettings(dutyTopics, f, longLivedMillis, longLivedShare, epochMillis);
  }

  public GossipSettings withEpochMillis(long millis) {
    return new GossipSettings(dutyTopics, adversaryShare, longLivedMillis, longLivedShare, millis);
  }

  public boolean isDutyTopic(String topic) {
    return topic != null && dutyTopics.matcher(topic).find();
  }

  /** The duty part of a topic ("beacon_attestation_12") or the topic itself, for summaries. */
  public String shortName(String topic) {
    if (topic == null) {
      return "-";
    }
    Matcher m = dutyTopics.matcher(topic);
    return m.find() ? m.group() : topic;
  }

  /** 1 - (1 - f)^k: an adversary holding a share f of our peers is among k first-hand recipients. */
  public double linkProbability(long k) {
    return k <= 0 ? 0.0 : 1.0 - Math.pow(1.0 - adversaryShare, k);
  }
}
