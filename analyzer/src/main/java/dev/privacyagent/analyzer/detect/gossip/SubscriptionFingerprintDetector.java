package dev.privacyagent.analyzer.detect.gossip;

import dev.privacyagent.analyzer.collect.gossip.GossipPeer;
import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.collect.gossip.LocalTopic;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How identifying our topic set is among the topic sets our gossip peers announce, in the
 * surprisal the protocol fingerprint uses: a set shared by m of n peers carries
 * log2((n+1)/(m+1)) bits (our node counts as one more member). Measured for the whole topic set
 * and for its duty subnets alone (Ethereum's backbone attestation subnets, which stay the same
 * across restarts and reconnects and so link a node's sessions).
 */
public final class SubscriptionFingerprintDetector extends PerNodeGossipDetector {

  /**
   * @param minBits MEDIUM at this many identifying bits
   * @param highBits HIGH at this many
   * @param minPeers peers announcing topics needed before the population means anything
   */
  public record Thresholds(double minBits, double highBits, int minPeers) {
    public Thresholds {
      if (!(minBits > 0) || !(highBits >= minBits) || minPeers < 1) {
        throw new IllegalArgumentException("invalid subscription fingerprint thresholds");
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(4.0, 8.0, 5);
    }
  }

  private final Thresholds t;
  private final GossipSettings settings;

  public SubscriptionFingerprintDetector(Thresholds thresholds, GossipSettings settings) {
    this.t = thresholds;
    this.settings = settings;
  }

  @Override
  public Category category() {
    return Category.GOSSIP_SUBSCRIPTIONS;
  }

  @Override
  public List<Finding> detect(GossipView v, String suffix) {
    TreeSet<String> ours = new TreeSet<>();
    for (LocalTopic lt : v.localTopics().values()) {
      if (lt.subscribedNow()) {
        ours.add(lt.topic());
      }
    }
    TreeSet<String> ourDuties = duties(ours);
    int n = 0;
    int sameSet = 0;
    int sameDuties = 0;
    for (GossipPeer p : v.peers().values()) {
      if (!p.active() || p.topics().isEmpty()) {
        continue;
      }
      n++;
      TreeSet<String> theirs = new TreeSet<>(p.topics());
      sameSet += theirs.equals(ours) ? 1 : 0;
      sameDuties += duties(theirs).equals(ourDuties) ? 1 : 0;
    }
    if (n < t.minPeers() || ours.isEmpty()) {
      return List.of();
    }
    double setBits = bits(sameSet, n);
    double dutyBits = ourDuties.isEmpty() ? 0.0 : bits(sameDuties, n);
    double best = Math.max(setBits, dutyBits);
    if (best < t.minBits()) {
      return List.of();
    }
    List<String> subnetNames = new ArrayList<>();
    ourDuties.forEach(d -> subnetNames.add(settings.shortName(d)));
    String what = dutyBits >= setBits && !ourDuties.isEmpty()
        ? "our " + ourDuties.size() + " duty subnets (" + String.join(", ", subnetNames.stream().limit(4).toList())
            + (subnetNames.size() > 4 ? ", ..." : "") + ") are shared by " + sameDuties + " of " + n + " peers"
        : "our set of " + ours.size() + " topics is shared by " + sameSet + " of " + n + " peers";
    return List.of(new Finding(
        "gossip.subscription-fingerprint" + suffix,
        Category.GOSSIP_SUBSCRIPTIONS,
        best >= t.highBits() ? Severity.HIGH : Severity.MEDIUM,
        n / (n + 10.0),
        String.format("Our gossip subscriptions carry %.1f bits of identifying information: %s; every peer"
            + " sees them in our SUBSCRIBE messages", best, what),
        Evidence.of()
            .put("identifyingBits", round3(best))
            .put("topicSetBits", round3(setBits))
            .put("dutySubnetBits", round3(dutyBits))
            .put("announcingPeers", (long) n)
            .put("peersWithSameTopicSet", (long) sameSet)
            .put("peersWithSameDutySubnets", (long) sameDuties)
            .list("dutySubnets", subnetNames)
            .list("topics", ours)
            .build(),
        "Subscribe to a set many nodes share: all attestation subnets, or only the spec-derived backbone"
            + " subnets; avoid extra or application-specific topics on the same node."));
  }

  private TreeSet<String> duties(TreeSet<String> topics) {
    TreeSet<String> out = new TreeSet<>();
    for (String topic : topics) {
      if (settings.isDutyTopic(topic)) {
        out.add(topic);
      }
    }
    return out;
  }

  static double bits(int same, int n) {
    return Math.log((n + 1.0) / (same + 1.0)) / Math.log(2);
  }
}
