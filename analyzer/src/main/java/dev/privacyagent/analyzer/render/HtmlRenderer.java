package dev.privacyagent.analyzer.render;

import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.proof.MockProofSystem;
import dev.privacyagent.analyzer.proof.Proof;
import dev.privacyagent.analyzer.report.AnonymityMeasures;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.NodeSection;
import dev.privacyagent.analyzer.report.PeerRow;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.Severity;
import dev.privacyagent.analyzer.report.Text;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML file: inline CSS and SVG, no script, no external resource, no URL.
 * Every value from the report passes through {@link Html#escape} (via {@link #t}) before it is
 * written, whether it lands in text or in a quoted attribute.
 */
public final class HtmlRenderer implements ReportRenderer {
  private static final int PEER_ROWS = 200;
  private static final int PROTOCOL_BARS = 12;

  @Override
  public String contentType() {
    return "text/html; charset=utf-8";
  }

  @Override
  public void render(Report r, Appendable out) throws IOException {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>libp2p privacy report</title>\n<style>\n").append(HtmlStyle.CSS).append("</style>\n</head>\n<body>\n");
    header(r, h);
    if (r.nodes().size() > 1) {
      HtmlComparison.render(r, h);
      for (int i = 0; i < r.nodes().size(); i++) {
        NodeSection n = r.nodes().get(i);
        h.append("<div class=\"node\" id=\"node-").append(i).append("\">\n<h2 class=\"node-title\">Node ")
            .append(t(n.name())).append(" <code>").append(t(n.node())).append("</code></h2>\n");
        if (!n.localPeers().isEmpty()) {
          h.append("<p class=\"meta\">Also a local node of this report and a peer of this one: <code>")
              .append(t(String.join(", ", n.localPeers()))).append("</code></p>\n");
        }
        body(n.report(), h);
        h.append("</div>\n");
      }
    } else {
      body(r, h);
    }
    collector(r, h);
    h.append("<footer><p>Risk score: ").append(t(r.riskFormula())).append(".</p><p>Detector reference: docs/detectors.md. ")
        .append(t(MockProofSystem.NOTICE)).append(".</p></footer>\n</body>\n</html>\n");
    out.append(h);
  }

  /** One node's analysis (or the only one). */
  private static void body(Report r, StringBuilder h) {
    summary(r, h);
    findings(r, h);
    HtmlGossip.render(r.gossip(), h);
    protocols(r, h);
    peers(r, h);
    proofs(r, h);
  }

  /** Escaped text: the only way report values enter the page. */
  static String t(String s) {
    return Html.escape(s);
  }

  private static String f(String fmt, Object... args) {
    return String.format(Locale.ROOT, fmt, args);
  }

  private static void header(Report r, StringBuilder h) {
    h.append("<header>\n<h1>libp2p privacy report</h1>\n<p class=\"meta\">Generated ").append(t(r.generatedAt()))
        .append(" &middot; window ").append(t(Format.instant(r.window().fromWallMillis()))).append(" to ")
        .append(t(Format.instant(r.window().toWallMillis()))).append(" (").append(t(Format.duration(r.window().durationMillis())))
        .append(")<br>Local node").append(r.localNodes().size() == 1 ? "" : "s").append(": <code>")
        .append(t(nodeNames(r))).append("</code></p>\n</header>\n");
  }

  private static String nodeNames(Report r) {
    if (r.nodes().isEmpty()) {
      return r.localNodes().isEmpty() ? "-" : String.join(", ", r.localNodes());
    }
    return String.join(", ", r.nodes().stream()
        .map(n -> n.name().equals(n.node()) ? n.node() : n.name() + " (" + n.node() + ")").toList());
  }

  /** One sentence a reader gets before any chart: the verdict and the most urgent finding. */
  private static void verdict(Report r, StringBuilder h) {
    StringBuilder counts = new StringBuilder();
    for (Map.Entry<Severity, Long> e : r.severityCounts().entrySet()) {
      if (e.getValue() > 0) {
        counts.append(counts.length() == 0 ? "" : ", ").append(e.getValue()).append(' ')
            .append(e.getKey().name().toLowerCase(Locale.ROOT));
      }
    }
    h.append("<p class=\"verdict\">Risk score <strong>").append(t(f("%.2f", r.riskScore()))).append("</strong> (")
        .append(t(Format.riskLabel(r.riskScore()))).append("). ");
    if (r.findings().isEmpty()) {
      h.append("No detector crossed its threshold.");
    } else {
      h.append(t(r.findings().size() + " finding" + (r.findings().size() == 1 ? "" : "s") + ": " + counts + "."))
          .append(" Most urgent: ").append(t(r.findings().get(0).summary())).append('.');
    }
    h.append("</p>\n");
  }

  private static void summary(Report r, StringBuilder h) {
    verdict(r, h);
    h.append("<section class=\"summary\">\n<div class=\"card gauge\">\n<h2>Overall risk</h2>\n");
    Svg.gauge(r.riskScore(), h);
    h.append("<p class=\"risk-label\">").append(t(Format.riskLabel(r.riskScore()))).append("</p>\n</div>\n");
    h.append("<div class=\"card\">\n<h2>Findings by severity</h2>\n");
    Svg.severityBars(r.severityCounts(), h);
    h.append("</div>\n<div class=\"card\">\n<h2>What was analysed</h2>\n<dl>");
    dl(h, "Events", Long.toString(r.totals().eventsAccepted()));
    dl(h, "Connections", r.totals().connections() + " (" + r.totals().openConnections() + " open)");
    dl(h, "Peers", Long.toString(r.totals().peers()));
    dl(h, "Streams", Long.toString(r.totals().streams()));
    dl(h, "Network prefixes", Long.toString(r.totals().prefixes()));
    dl(h, "Dropped", Long.toString(r.droppedTotal()));
    h.append("</dl>\n</div>\n<div class=\"card\">\n<h2>Anonymity</h2>\n<dl>");
    AnonymityMeasures a = r.anonymity();
    dl(h, "Effective set 2^H", f("%.2f of %d peers", a.effectiveAnonymitySet(), a.distinctPeers()));
    dl(h, "Degree H/log2 N", f("%.3f", a.degreeOfAnonymity()));
    dl(h, "Entropy H / max", f("%.3f / %.3f bits", a.entropyBits(), a.maxEntropyBits()));
    dl(h, "Effective prefixes", f("%.2f of %d", a.effectivePrefixSet(), a.distinctPrefixes()));
    dl(h, "Busiest peer", f("%.1f%% of %s", 100 * a.topPeerShare(), a.trafficUnit()));
    h.append("</dl>\n</div>\n</section>\n");
  }

  private static void dl(StringBuilder h, String term, String value) {
    h.append("<dt>").append(t(term)).append("</dt><dd>").append(t(value)).append("</dd>");
  }

  private static void findings(Report r, StringBuilder h) {
    h.append("<section>\n<h2>Findings (").append(r.findings().size()).append(")</h2>\n");
    if (r.findings().isEmpty()) {
      h.append("<p class=\"empty\">No detector crossed its threshold.</p>\n");
    }
    for (Finding x : r.findings()) {
      String sev = x.severity().name().toLowerCase(Locale.ROOT);
      h.append("<article class=\"finding sev-").append(t(sev)).append("\">\n<h3><span class=\"badge sev-").append(t(sev))
          .append("\">").append(t(x.severity().name())).append("</span> ").append(t(x.summary())).append("</h3>\n")
          .append("<p class=\"meta\"><code>").append(t(x.id())).append("</code> &middot; ")
          .append(t(x.category().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
          .append(" &middot; confidence ").append(t(f("%.2f", x.confidence()))).append("</p>\n")
          .append("<p class=\"rec\"><strong>Recommendation:</strong> ").append(t(x.recommendation())).append("</p>\n")
          .append("<details><summary>Evidence</summary>\n<table class=\"evidence\">");
      for (Map.Entry<String, Object> e : x.evidence().entrySet()) {
        h.append("<tr><th>").append(t(e.getKey())).append("</th><td>");
        if (e.getValue() instanceof List<?> list) {
          h.append("<ul>");
          for (Object item : list) {
            h.append("<li>").append(t(String.valueOf(item))).append("</li>");
          }
          h.append("</ul>");
        } else {
          h.append(t(String.valueOf(e.getValue())));
        }
        h.append("</td></tr>");
      }
      h.append("</table>\n</details>\n</article>\n");
    }
    h.append("</section>\n");
  }

  private static void protocols(Report r, StringBuilder h) {
    h.append("<section>\n<h2>Protocol distribution</h2>\n");
    if (r.protocols().isEmpty()) {
      h.append("<p class=\"empty\">No protocol was negotiated or advertised.</p>\n");
    } else {
      Svg.protocolBars(r.protocols().subList(0, Math.min(PROTOCOL_BARS, r.protocols().size())), h);
    }
    h.append("</section>\n");
  }

  private static void peers(Report r, StringBuilder h) {
    List<PeerRow> rows = r.peers().subList(0, Math.min(PEER_ROWS, r.peers().size()));
    h.append("<section>\n<h2>Peers (").append(rows.size()).append(" of ").append(r.totals().peers())
        .append(", busiest first)</h2>\n<div class=\"scroll\"><table class=\"peers\">\n<thead><tr>")
        .append("<th>Peer id</th><th>Direction</th><th>Streams</th><th>Share</th><th>Connections</th><th>IPs</th>")
        .append("<th>agentVersion</th><th>Protocols</th><th>Ping</th><th>Seen</th></tr></thead>\n<tbody>\n");
    for (PeerRow p : rows) {
      h.append("<tr><td><code title=\"").append(t(p.peerId())).append("\">").append(t(Text.bound(p.peerId(), 20)))
          .append("</code></td><td>").append(t(p.direction())).append("</td><td class=\"num\">").append(p.streams())
          .append("</td><td class=\"num\">").append(t(f("%.1f%%", 100 * p.trafficShare())))
          .append("</td><td class=\"num\">").append(p.connectionsOpen()).append(" / ").append(p.connectionsOpened())
          .append("</td><td>").append(t(String.join(", ", p.ips())))
          .append("</td><td>").append(t(p.agentVersion() == null ? "-" : p.agentVersion()))
          .append("</td><td title=\"").append(t(String.join(" ", p.protocols()))).append("\">").append(p.protocolCount())
          .append("</td><td class=\"num\">").append(p.meanPingMillis() < 0 ? "-" : t(f("%.1f ms", p.meanPingMillis())))
          .append("</td><td>").append(t(Format.duration(Math.max(0, p.lastSeenWallMillis() - p.firstSeenWallMillis()))))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n</section>\n");
  }

  private static void collector(Report r, StringBuilder h) {
    CollectorCounters c = r.counters();
    h.append("<section>\n<h2>Collector</h2>\n<p class=\"meta\">Nothing is dropped silently: these counters cover every event the collector refused, evicted or cut.</p>\n<table class=\"counters\">");
    row(h, "Accepted events", c.accepted());
    row(h, "Dropped, queue full", c.droppedQueueFull());
    row(h, "Evicted connections", c.evictedConnections());
    row(h, "Evicted peers", c.evictedPeers());
    row(h, "Raw events overwritten in ring", c.evictedEvents());
    row(h, "Evicted streams", c.evictedStreams());
    row(h, "Evicted prefixes", c.evictedPrefixes());
    row(h, "Connections not tracked (cap reached)", c.untrackedConnections());
    row(h, "Lost writing the events file", c.eventsFileLost());
    row(h, "Truncated strings", c.truncatedStrings());
    row(h, "Skipped input lines", c.skippedLines());
    row(h, "Unknown event types", c.unknownTypes());
    row(h, "Unknown fields", c.unknownFields());
    row(h, "Total dropped", r.droppedTotal());
    h.append("<tr><th>Memory estimate / cap</th><td class=\"num\">").append(t(Format.bytes(c.estimatedBytes())))
        .append(" / ").append(t(Format.bytes(c.memoryCapBytes()))).append("</td></tr>");
    h.append("</table>\n");
    if (!r.notes().isEmpty()) {
      h.append("<ul class=\"notes\">");
      for (String note : r.notes()) {
        h.append("<li>").append(t(note)).append("</li>");
      }
      h.append("</ul>\n");
    }
    h.append("</section>\n");
  }

  private static void row(StringBuilder h, String label, long value) {
    h.append("<tr><th>").append(t(label)).append("</th><td class=\"num").append(value > 0 && label.contains("rop") ? " warn" : "")
        .append("\">").append(value).append("</td></tr>");
  }

  private static void proofs(Report r, StringBuilder h) {
    h.append("<section>\n<h2>Proofs</h2>\n<p class=\"mock\">").append(t(MockProofSystem.NOTICE))
        .append(". These are salted SHA-256 commitments to the report's evidence; verifying one needs the report.</p>\n")
        .append("<table class=\"proofs\"><thead><tr><th>Statement</th><th>Threshold</th><th>Value</th><th>Result</th><th>Commitment</th></tr></thead><tbody>\n");
    for (Proof p : r.proofs()) {
      h.append("<tr><td>").append(t(p.statement().label())).append("</td><td class=\"num\">").append(t(Format.number(p.threshold())))
          .append("</td><td class=\"num\">").append(t(Format.number(p.claimedValue()))).append("</td><td class=\"")
          .append(p.holds() ? "ok\">holds" : "fail\">does not hold").append("</td><td><code title=\"salt ")
          .append(t(p.saltHex())).append("\">").append(t(p.commitmentHex())).append("</code></td></tr>\n");
    }
    h.append("</tbody></table>\n</section>\n");
  }

  /** Severity colours, shared by CSS classes and SVG fills. */
  static String colour(Severity s) {
    return switch (s) {
      case CRITICAL -> "#7f1d1d";
      case HIGH -> "#dc2626";
      case MEDIUM -> "#ea580c";
      case LOW -> "#ca8a04";
      case INFO -> "#64748b";
    };
  }
}
