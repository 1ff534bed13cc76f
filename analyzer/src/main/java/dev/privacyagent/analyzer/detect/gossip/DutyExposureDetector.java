package dev.privacyagent.analyzer.detect.gossip;

import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Duty-subnet exposure (Heimbach et al. 2024): own duty messages on subnets outside our
 * long-lived subscriptions, and short-lived subscriptions that bracket our publishes, tell the
 * peers that got them first-hand which duties, so which validators, our node hosts. See {@link
 * DutyExposure} for the measure.
 */
public final class DutyExposureDetector extends PerNodeGossipDetector {

  /**
   * @param mediumShare MEDIUM when the expected share of linked duties reaches this
   * @param highShare HIGH when it reaches this
   */
  public record Thresholds(double mediumShare, double highShare) {
    public Thresholds {
      if (!(mediumShare > 0 && mediumShare <= highShare && highShare <= 1)) {
        throw new IllegalArgumentException("invalid duty exposure thresholds");
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(0.1, 0.3);
    }
  }

  private final Thresholds t;
  private final GossipSettings settings;

  public DutyExposureDetector(Thresholds thresholds, GossipSettings settings) {
    this.t = thresholds;
    this.settings = settings;
  }

  @Override
  public Category category() {
    return Category.DUTY_EXPOSURE;
  }

  @Override
  public List<Finding> detect(GossipView v, String suffix) {
    DutyExposure x = DutyExposure.measure(v, settings);
    if (x.exposed() == 0) {
      return List.of();
    }
    double share = x.meanLinkProbability();
    Severity sev = share >= t.highShare() ? Severity.HIGH : share >= t.mediumShare() ? Severity.MEDIUM : Severity.LOW;
    List<String> names = new ArrayList<>();
    List<String> detail = new ArrayList<>();
    for (DutyExposure.DutyTopic d : x.topics()) {
      names.add(settings.shortName(d.topic()));
      detail.add(String.format("%s: %d publishes, %d first-hand peers, p=%.3f",
          settings.shortName(d.topic()), d.publishes(), d.firstHandPeers(), d.linkProbability()));
    }
    return List.of(new Finding(
        "gossip.duty-exposure" + suffix,
        Category.DUTY_EXPOSURE,
        sev,
        confidence(x.exposed()),
        String.format("%d of our %d duty messages went out on subnets we do not hold long-lived (%d unsubscribed,"
                + " %d in short-lived subscriptions) on %d subnets (%s%s): an adversary with %.0f%% of our peers"
                + " links %.0f%% of our duties to this node, at least one with p=%.3f",
            x.exposed(), x.dutyPublishes(), x.unsubscribed(), x.bracketed(), names.size(),
            String.join(", ", names.stream().limit(5).toList()), names.size() > 5 ? ", ..." : "",
            settings.adversaryShare() * 100, share * 100, x.anyLinkProbability()),
        Evidence.of()
            .put("dutyPublishes", x.dutyPublishes())
            .put("exposedPublishes", x.exposed())
            .put("unsubscribedPublishes", x.unsubscribed())
            .put("bracketedPublishes", x.bracketed())
            .put("adversaryShare", settings.adversaryShare())
            .put("meanLinkProbability", round3(share))
            .put("anyLinkProbability", round3(x.anyLinkProbability()))
            .list("dutySubnets", names)
            .list("perSubnet", detail)
            .build(),
        "Subscribe long-lived to every subnet your validators publish on (e.g. --subscribe-all-subnets), so that"
            + " own duty messages are indistinguishable from relayed ones by topic; avoid short-lived"
            + " subscriptions around duties; spread validators over several nodes."));
  }
}
