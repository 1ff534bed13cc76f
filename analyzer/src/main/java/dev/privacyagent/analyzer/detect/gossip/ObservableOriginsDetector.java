package dev.privacyagent.analyzer.detect.gossip;

import dev.privacyagent.analyzer.collect.gossip.GossipPeer;
import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What our node can see of others (INFO): peers that deliver first copies on topics they do not
 * subscribe to are almost certainly those messages' origins (a relay forwards only on topics it
 * holds), so an observer like us locates their validators. Shown so that the operator sees how
 * exposed the network around the node is; it adds nothing to our risk score.
 */
public final class ObservableOriginsDetector extends PerNodeGossipDetector {

  /** @param minPeers fire when at least this many peers are locatable */
  public record Thresholds(int minPeers) {
    public Thresholds {
      if (minPeers < 1) {
        throw new IllegalArgumentException("invalid observable origins thresholds");
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(1);
    }
  }

  private final Thresholds t;
  private final GossipSettings settings;

  public ObservableOriginsDetector(Thresholds thresholds, GossipSettings settings) {
    this.t = thresholds;
    this.settings = settings;
  }

  @Override
  public Category category() {
    return Category.GOSSIP_OBSERVATION;
  }

  @Override
  public List<Finding> detect(GossipView v, String suffix) {
    Map<String, TreeSet<String>> located = new TreeMap<>();
    int known = 0;
    for (GossipPeer p : v.peers().values()) {
      if (!p.active() || p.topics().isEmpty()) {
        continue; // without its current topics we cannot tell a relay from an origin
      }
      known++;
      for (String topic : p.firstDeliveryTopics().keySet()) {
        if (!p.topics().contains(topic)) {
          located.computeIfAbsent(p.peerId(), k -> new TreeSet<>()).add(settings.shortName(topic));
        }
      }
    }
    if (located.size() < t.minPeers()) {
      return List.of();
    }
    List<String> rows = new ArrayList<>();
    TreeSet<String> subnets = new TreeSet<>();
    located.forEach((peer, topics) -> {
      rows.add(peer + ": " + String.join(", ", topics.stream().limit(4).toList()) + (topics.size() > 4 ? ", ..." : ""));
      subnets.addAll(topics);
    });
    return List.of(new Finding(
        "gossip.observable-origins" + suffix,
        Category.GOSSIP_OBSERVATION,
        Severity.INFO,
        confidence(located.size()),
        String.format("%d of %d peers with known topics first-delivered messages on %d topics they do not subscribe"
            + " to: our node could locate the validators behind them, as any observer can", located.size(), known,
            subnets.size()),
        Evidence.of()
            .put("locatablePeers", (long) located.size())
            .put("peersWithKnownTopics", (long) known)
            .list("topics", subnets)
            .list("peers", rows)
            .build(),
        "Nothing to change on this node; it shows how exposed its neighbours are (the same would apply to it)."));
  }
}
