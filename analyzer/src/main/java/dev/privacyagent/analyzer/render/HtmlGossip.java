package dev.privacyagent.analyzer.render;

import dev.privacyagent.analyzer.collect.gossip.GossipCounters;
import dev.privacyagent.analyzer.report.gossip.ExposurePoint;
import dev.privacyagent.analyzer.report.gossip.GossipSection;
import dev.privacyagent.analyzer.report.gossip.GossipTopicRow;
import java.util.List;
import java.util.Locale;

/**
 * The gossip section of the HTML report, one per node: topics with lifetimes and mesh sizes, own
 * versus relayed messages, duty exposure over time (inline SVG), findings, drops. Every value
 * goes through {@link Html#escape}.
 */
final class HtmlGossip {
  private HtmlGossip() {}

  static void render(List<GossipSection> sections, StringBuilder h) {
    for (GossipSection g : sections) {
      section(g, h);
    }
  }

  private static String t(String s) {
    return Html.escape(s);
  }

  static void section(GossipSection g, StringBuilder h) {
    h.append("<section class=\"gossip\">\n<h2>Gossip: <code>").append(t(g.node())).append("</code></h2>\n")
        .append("<p class=\"meta\">").append(t(g.protocolId() == null ? "protocol unknown" : g.protocolId()))
        .append(" &middot; ").append(g.activePeers()).append(" active gossip peers &middot; own messages ")
        .append(g.ownPublished()).append(", relayed ").append(g.relayed()).append(", received ").append(g.received())
        .append("</p>\n<p class=\"verdict\">Duty exposure (adversary with ")
        .append(t(String.format(Locale.ROOT, "%.0f%%", 100 * g.adversaryShare()))).append(" of our peers): ")
        .append(g.exposedPublishes()).append(" of ").append(g.dutyPublishes())
        .append(" duty messages outside long-lived subscriptions; expected share of duties linked <strong>")
        .append(t(String.format(Locale.ROOT, "%.1f%%", 100 * g.meanLinkProbability()))).append("</strong>, at least one p=")
        .append(t(String.format(Locale.ROOT, "%.3f", g.anyLinkProbability()))).append(".");
    if (!g.exposedSubnets().isEmpty()) {
      h.append(" Exposed subnets: ").append(t(String.join(", ", g.exposedSubnets()))).append('.');
    }
    h.append("</p>\n");
    exposureChart(g, h);
    h.append("<div class=\"scroll\"><table class=\"gossip-topics\">\n<thead><tr><th>Topic</th><th>Subscribed</th>")
        .append("<th>Held for</th><th>Periods</th><th>Mesh</th><th>Topic peers</th><th>Received</th><th>First</th>")
        .append("<th>Duplicates</th><th>Relayed</th><th>Own</th><th>Dup. delay</th></tr></thead>\n<tbody>\n");
    for (GossipTopicRow r : g.topics()) {
      h.append("<tr><td><code>").append(t(r.topic())).append("</code></td><td>").append(r.subscribed() ? "yes" : "no")
          .append("</td><td>").append(t(Format.duration(r.subscribedMillis()))).append("</td><td class=\"num\">")
          .append(r.periods()).append("</td><td class=\"num\">").append(r.meshPeers()).append("</td><td class=\"num\">")
          .append(r.topicPeers()).append("</td><td class=\"num\">").append(r.received()).append("</td><td class=\"num\">")
          .append(r.firstDeliveries()).append("</td><td class=\"num\">").append(r.duplicates())
          .append("</td><td class=\"num\">").append(r.relayed()).append("</td><td class=\"num\">").append(r.published())
          .append("</td><td class=\"num\">").append(t(String.format(Locale.ROOT, "%.1f ms", r.meanDuplicateDelayMillis())))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n");
    if (g.topicsTotal() > g.topics().size()) {
      h.append("<p class=\"meta\">").append(g.topics().size()).append(" of ").append(g.topicsTotal()).append(" topics shown.</p>\n");
    }
    GossipCounters c = g.counters();
    h.append("<p class=\"meta\">Gossip findings: ").append(t(g.findings().isEmpty() ? "none" : String.join(", ", g.findings())))
        .append(". Dropped topics ").append(c.droppedTopics()).append(", evicted peers ").append(c.evictedPeers())
        .append(", evicted publish details ").append(c.evictedPublishes()).append(", dropped peer topics ")
        .append(c.droppedPeerTopics()).append("; per-message events ").append(c.messageEvents())
        .append(", deliveries sampled out ").append(c.messageEventsSkipped()).append(".</p>\n</section>\n");
  }

  /** Own messages per bucket (grey) and the off-subscription ones (red), with the link probability as a line. */
  private static void exposureChart(GossipSection g, StringBuilder h) {
    List<ExposurePoint> pts = g.exposureOverTime();
    if (pts.isEmpty()) {
      return;
    }
    long max = 1;
    for (ExposurePoint p : pts) {
      max = Math.max(max, p.ownPublished());
    }
    double w = 760.0 / pts.size();
    h.append("<svg class=\"chart exposure\" viewBox=\"0 0 760 130\" width=\"100%\" role=\"img\" aria-label=\"duty exposure over time\">");
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < pts.size(); i++) {
      ExposurePoint p = pts.get(i);
      double x = i * w;
      double all = 100.0 * p.ownPublished() / max;
      double off = 100.0 * p.ownUnsubscribed() / max;
      h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#cbd5e1\"/>",
          x, 110 - all, Math.max(w - 1, 0.5), all));
      if (off > 0) {
        h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#dc2626\"/>",
            x, 110 - off, Math.max(w - 1, 0.5), off));
      }
      line.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f", x + w / 2, 110 - 100 * p.linkProbability()));
    }
    h.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"1.5\"/>")
        .append("<text x=\"0\" y=\"126\">").append(t(Format.instant(pts.get(0).startWall()))).append("</text>")
        .append("<text x=\"760\" y=\"126\" text-anchor=\"end\">").append(t("per " + Format.duration(g.bucketMillis())
            + ": own (grey), off-subscription (red), link probability (line, 0-1)"))
        .append("</text></svg>\n");
  }
}
