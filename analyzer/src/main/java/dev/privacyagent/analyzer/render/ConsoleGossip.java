package dev.privacyagent.analyzer.render;

import dev.privacyagent.analyzer.collect.gossip.GossipCounters;
import dev.privacyagent.analyzer.report.Text;
import dev.privacyagent.analyzer.report.gossip.ExposurePoint;
import dev.privacyagent.analyzer.report.gossip.GossipSection;
import dev.privacyagent.analyzer.report.gossip.GossipSections;
import dev.privacyagent.analyzer.report.gossip.GossipTopicRow;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** The gossip section of the console report, one block per node; topics go through {@link Text#printable}. */
final class ConsoleGossip {
  private static final int TOPIC_ROWS = 20;
  private static final int POINTS = 12;

  private ConsoleGossip() {}

  static void render(List<GossipSection> sections, Appendable out) throws IOException {
    for (GossipSection g : sections) {
      section(g, out);
    }
  }

  static void section(GossipSection g, Appendable out) throws IOException {
    ln(out, "GOSSIP %s (%s)", Text.printable(g.node()), g.protocolId() == null ? "protocol unknown" : Text.printable(g.protocolId()));
    ln(out, "  %d active gossip peers; own messages %d, relayed %d, received %d", g.activePeers(), g.ownPublished(),
        g.relayed(), g.received());
    ln(out, "  duty exposure (f = %.2f): %d of %d duty messages outside long-lived subscriptions; expected share linked %.1f%%,"
        + " at least one linked p=%.3f", g.adversaryShare(), g.exposedPublishes(), g.dutyPublishes(),
        100 * g.meanLinkProbability(), g.anyLinkProbability());
    if (!g.exposedSubnets().isEmpty()) {
      ln(out, "  exposed duty subnets: %s", Text.printable(String.join(", ", g.exposedSubnets())));
    }
    ln(out, "  %s %s %s %s %s %s %s %s", Text.cell("topic", 48), Text.cell("sub", 4), Text.cell("held", 12),
        Text.cell("mesh", 5), Text.cell("peers", 6), Text.cell("received", 9), Text.cell("relayed", 8), "own");
    for (GossipTopicRow t : g.topics().subList(0, Math.min(TOPIC_ROWS, g.topics().size()))) {
      ln(out, "  %s %s %s %s %s %s %s %d", Text.cell(Text.printable(t.topic()), 48), Text.cell(t.subscribed() ? "yes" : "no", 4),
          Text.cell(Format.duration(t.subscribedMillis()), 12), Text.cell(Long.toString(t.meshPeers()), 5),
          Text.cell(Long.toString(t.topicPeers()), 6), Text.cell(Long.toString(t.received()), 9),
          Text.cell(Long.toString(t.relayed()), 8), t.published());
    }
    if (g.topicsTotal() > Math.min(TOPIC_ROWS, g.topics().size())) {
      ln(out, "  ... %d topics in all", g.topicsTotal());
    }
    List<ExposurePoint> all = g.exposureOverTime();
    if (!all.isEmpty()) {
      List<ExposurePoint> pts = GossipSections.downsample(all, POINTS);
      long per = g.bucketMillis() * ((all.size() + POINTS - 1) / POINTS);
      StringBuilder b = new StringBuilder();
      for (ExposurePoint p : pts) {
        b.append(String.format(Locale.ROOT, " %s %d/%d p=%.2f", Format.instant(p.startWall()).substring(11, 16),
            p.ownUnsubscribed(), p.ownPublished(), p.linkProbability()));
      }
      ln(out, "  duty exposure over time (off-subscription/own messages, link probability) per %s:", Format.duration(per));
      ln(out, "   %s", b);
    }
    GossipCounters c = g.counters();
    ln(out, "  dropped topics %d, evicted peers %d, evicted publish details %d, dropped peer topics %d;"
        + " per-message events %d, deliveries sampled out %d", c.droppedTopics(), c.evictedPeers(), c.evictedPublishes(),
        c.droppedPeerTopics(), c.messageEvents(), c.messageEventsSkipped());
    ln(out, "  findings: %s", g.findings().isEmpty() ? "none" : Text.printable(String.join(", ", g.findings())));
    ln(out, "");
  }

  private static void ln(Appendable out, String fmt, Object... args) throws IOException {
    out.append(String.format(Locale.ROOT, fmt, args)).append('\n');
  }
}
