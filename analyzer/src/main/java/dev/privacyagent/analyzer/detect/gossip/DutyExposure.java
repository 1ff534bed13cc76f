package dev.privacyagent.analyzer.detect.gossip;

import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.collect.gossip.OwnPublish;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much of our node's duties an adversary holding a share f of our peers links to it
 * (Heimbach et al. 2024): a duty message published on a subnet we do not hold long-lived reaches
 * its k first-hand recipients from us only, so each of them learns "this node hosts that duty";
 * the adversary is among them with probability 1 - (1 - f)^k.
 *
 * @param dutyPublishes own publishes on duty topics
 * @param exposed those not covered by a long-lived subscription
 * @param unsubscribed exposed ones on topics we were not subscribed to (fanout or flood)
 * @param bracketed exposed ones inside a short-lived subscription
 * @param meanLinkProbability the expected share of our duties the adversary links: the mean of
 *     1 - (1 - f)^k over all duty publishes (0 for the covered ones); what ranks nodes
 * @param anyLinkProbability the chance it links at least one: 1 - prod (1 - p_i)
 * @param topics per exposed duty topic, most exposed first
 */
public record DutyExposure(
    long dutyPublishes,
    long exposed,
    long unsubscribed,
    long bracketed,
    double meanLinkProbability,
    double anyLinkProbability,
    List<DutyTopic> topics) {

  /**
   * @param firstHandPeers distinct peers that got one of these publishes first-hand from us (a
   *     lower bound when a publish listed fewer than its recipients)
   * @param linkProbability 1 - (1 - f)^firstHandPeers: this duty is linked to our node
   */
  public record DutyTopic(String topic, long publishes, long firstHandPeers, long maxRecipients,
      double linkProbability) {}

  public static final DutyExposure NONE = new DutyExposure(0, 0, 0, 0, 0, 0, List.of());

  public static DutyExposure measure(GossipView v, GossipSettings s) {
    long duty = 0, exposed = 0, unsub = 0, bracketed = 0;
    double sum = 0;
    double none = 1;
    Map<String, long[]> perTopic = new TreeMap<>(); // publishes, max recipients
    Map<String, LinkedHashSet<String>> peers = new TreeMap<>();
    for (OwnPublish p : v.publishes()) {
      if (!s.isDutyTopic(p.topic()) || p.failed()) {
        continue;
      }
      duty++;
      Subscriptions.Cover c = Subscriptions.cover(p, v, s);
      if (c == Subscriptions.Cover.LONG_LIVED) {
        continue;
      }
      exposed++;
      if (c == Subscriptions.Cover.UNSUBSCRIBED) {
        unsub++;
      } else {
        bracketed++;
      }
      double pi = s.linkProbability(p.recipients());
      sum += pi;
      none *= 1 - pi;
      long[] agg = perTopic.computeIfAbsent(p.topic(), k -> new long[2]);
      agg[0]++;
      agg[1] = Math.max(agg[1], p.recipients());
      LinkedHashSet<String> set = peers.computeIfAbsent(p.topic(), k -> new LinkedHashSet<>());
      set.addAll(p.event().recipientPeers());
    }
    if (duty == 0) {
      return NONE;
    }
    List<DutyTopic> topics = new ArrayList<>();
    perTopic.forEach((topic, agg) -> {
      long k = Math.max(agg[1], peers.get(topic).size());
      topics.add(new DutyTopic(topic, agg[0], k, agg[1], s.linkProbability(k)));
    });
    topics.sort(Comparator.comparingDouble(DutyTopic::linkProbability).reversed()
        .thenComparing(Comparator.comparingLong(DutyTopic::publishes).reversed())
        .thenComparing(DutyTopic::topic));
    return new DutyExposure(duty, exposed, unsub, bracketed, sum / duty, 1 - none, topics);
  }
}
