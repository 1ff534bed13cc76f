package dev.privacyagent.analyzer.detect.gossip;

import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.collect.gossip.OwnPublish;
import dev.privacyagent.analyzer.event.GossipPublishMode;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Origin exposure: our own messages reach their first recipients directly from us, before any
 * relayed copy, which is what first-seen estimators rest on. Measured per own publish: how many
 * peers got it first-hand, flood publish to every topic peer (every neighbour then sees us as the
 * origin), and an IDONTWANT sent just before an own large message (gossipsub 1.2), an origin
 * marker no relay produces in that order.
 */
public final class OriginExposureDetector extends PerNodeGossipDetector {

  /**
   * @param minPublishes own publishes needed before the first-hand LOW finding
   * @param floodShare a publish to at least this share of the topic peers counts as flood
   * @param minFloodRecipients ... and to more than this many peers (a small topic is no flood)
   * @param highRecipients HIGH when flood publishes reach this many peers on average
   */
  public record Thresholds(int minPublishes, double floodShare, int minFloodRecipients, int highRecipients) {
    public Thresholds {
      if (minPublishes < 1 || !(floodShare > 0 && floodShare <= 1) || minFloodRecipients < 1
          || highRecipients < minFloodRecipients) {
        throw new IllegalArgumentException("invalid origin exposure thresholds");
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(5, 0.9, 12, 20);
    }
  }

  private final Thresholds t;

  public OriginExposureDetector(Thresholds thresholds) {
    this.t = thresholds;
  }

  @Override
  public Category category() {
    return Category.ORIGIN_EXPOSURE;
  }

  boolean flood(OwnPublish p) {
    long r = p.recipients();
    return p.event().mode() == GossipPublishMode.FLOOD
        || r > t.minFloodRecipients() && p.event().topicPeers() > 0 && r >= t.floodShare() * p.event().topicPeers();
  }

  @Override
  public List<Finding> detect(GossipView v, String suffix) {
    long n = 0, recipients = 0, max = 0, floods = 0, floodRecipients = 0, marked = 0;
    TreeSet<String> floodTopics = new TreeSet<>();
    TreeSet<String> markedTopics = new TreeSet<>();
    for (OwnPublish p : v.publishes()) {
      if (p.failed()) {
        continue;
      }
      n++;
      recipients += p.recipients();
      max = Math.max(max, p.recipients());
      if (flood(p)) {
        floods++;
        floodRecipients += p.recipients();
        floodTopics.add(p.topic());
      }
      if (p.event().idontwantBefore() > 0) {
        marked++;
        markedTopics.add(p.topic());
      }
    }
    List<Finding> out = new ArrayList<>();
    if (n == 0) {
      return out;
    }
    double mean = (double) recipients / n;
    if (floods > 0) {
      double floodMean = (double) floodRecipients / floods;
      out.add(new Finding(
          "gossip.flood-publish" + suffix,
          Category.ORIGIN_EXPOSURE,
          floodMean >= t.highRecipients() ? Severity.HIGH : Severity.MEDIUM,
          confidence(floods),
          String.format("%d of %d own messages were flood-published to %.1f peers on average (every topic peer gets"
              + " our copy first-hand and sees us as the origin)", floods, n, floodMean),
          Evidence.of()
              .put("ownPublishes", n)
              .put("floodPublishes", floods)
              .put("meanFloodRecipients", round3(floodMean))
              .put("maxRecipients", max)
              .put("floodPublishMaxMessageSize", v.router() == null || v.router().floodPublishMaxMessageSize() == null
                  ? -1L : v.router().floodPublishMaxMessageSize())
              .list("topics", floodTopics)
              .build(),
          "Turn flood publish off (jvm-libp2p: GossipParams floodPublishMaxMessageSizeThreshold = 0, the default)"
              + " so own messages go to the mesh only."));
    }
    if (marked > 0) {
      out.add(new Finding(
          "gossip.idontwant-origin-marker" + suffix,
          Category.ORIGIN_EXPOSURE,
          Severity.MEDIUM,
          confidence(marked),
          String.format("%d own messages were preceded by our IDONTWANT for their own id: relays send IDONTWANT"
              + " after receiving a message, only its origin sends it first", marked),
          Evidence.of().put("markedPublishes", marked).put("ownPublishes", n).list("topics", markedTopics).build(),
          "Large own messages (>= 16 KiB on /meshsub/1.2.0) carry this marker in jvm-libp2p; publish them through a"
              + " separate node, or raise GossipParams.iDontWantMinMessageSizeThreshold above their size."));
    }
    if (n >= t.minPublishes()) {
      out.add(new Finding(
          "gossip.origin-first-hand" + suffix,
          Category.ORIGIN_EXPOSURE,
          Severity.LOW,
          confidence(n),
          String.format("Each of our %d own messages reached %.1f peers first-hand from us (at most %d): they can"
              + " tell our messages from relayed ones by arrival order", n, mean, max),
          Evidence.of()
              .put("ownPublishes", n)
              .put("meanRecipients", round3(mean))
              .put("maxRecipients", max)
              .put("relayedMessages", v.totalRelayed())
              .build(),
          "Inherent to gossipsub; it weighs less when the node relays much more than it publishes (subscribe to"
              + " more topics) and keeps mesh degree at the defaults."));
    }
    return out;
  }
}
