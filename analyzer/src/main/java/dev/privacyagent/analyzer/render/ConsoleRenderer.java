package dev.privacyagent.analyzer.render;

import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.proof.MockProofSystem;
import dev.privacyagent.analyzer.proof.Proof;
import dev.privacyagent.analyzer.report.AnonymityMeasures;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.NodeSection;
import dev.privacyagent.analyzer.report.PeerRow;
import dev.privacyagent.analyzer.report.ProtocolCount;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.Severity;
import dev.privacyagent.analyzer.report.Text;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * Plain-text report for a terminal or a log. Every string that came from the network goes
 * through {@link Text#printable}, so an agentVersion cannot move the cursor, recolour the
 * terminal or reorder text with bidi controls.
 */
public final class ConsoleRenderer implements ReportRenderer {
  private static final int PEER_ROWS = 20;
  private static final int PROTOCOL_ROWS = 15;

  @Override
  public String contentType() {
    return "text/plain; charset=utf-8";
  }

  @Override
  public void render(Report r, Appendable out) throws IOException {
    Line w = new Line(out);
    w.ln("libp2p privacy report");
    w.ln("=====================");
    w.ln("generated  %s", r.generatedAt());
    w.ln("window     %s .. %s (%s)", Format.instant(r.window().fromWallMillis()),
        Format.instant(r.window().toWallMillis()), Format.duration(r.window().durationMillis()));
    w.ln("nodes      %s", nodesLine(r));
    w.ln("analysed   %d events, %d connections (%d open), %d peers, %d streams, %d protocols",
        r.totals().eventsAccepted(), r.totals().connections(), r.totals().openConnections(),
        r.totals().peers(), r.totals().streams(), r.totals().protocols());
    if (r.nodes().size() > 1) {
      w.ln("");
      ConsoleComparison.render(r, out);
      for (NodeSection n : r.nodes()) {
        w.ln("");
        String title = "NODE " + Text.printable(n.name()) + "  (" + Text.printable(n.node()) + ")";
        w.ln("%s", title);
        w.ln("%s", "#".repeat(Math.min(100, title.length())));
        if (!n.localPeers().isEmpty()) {
          w.ln("  also a peer of this node: %s (local nodes)", Text.printable(String.join(", ", n.localPeers())));
        }
        body(n.report(), w);
      }
    } else {
      body(r, w);
    }
    collector(r, w);
  }

  private static String nodesLine(Report r) {
    if (r.nodes().isEmpty()) {
      return r.localNodes().isEmpty() ? "-" : Text.printable(String.join(", ", r.localNodes()));
    }
    StringBuilder sb = new StringBuilder();
    for (NodeSection n : r.nodes()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(Text.printable(n.name()));
      if (!n.name().equals(n.node())) {
        sb.append(" (").append(Text.printable(n.node())).append(')');
      }
    }
    return sb.toString();
  }

  /** One node's analysis (or the only one): risk, findings, anonymity, tables, proofs. */
  private static void body(Report r, Line w) throws IOException {
    w.ln("");
    w.ln("RISK SCORE %.2f / 1.00  [%s]  %s", r.riskScore(), Format.bar(r.riskScore(), 20), Format.riskLabel(r.riskScore()));
    w.ln("  %s", r.riskFormula());
    StringBuilder counts = new StringBuilder();
    for (Map.Entry<Severity, Long> e : r.severityCounts().entrySet()) {
      counts.append(counts.length() == 0 ? "" : "  ").append(e.getKey()).append(' ').append(e.getValue());
    }
    w.ln("  findings: %s", counts);
    w.ln("");
    w.ln("FINDINGS (%d)", r.findings().size());
    if (r.findings().isEmpty()) {
      w.ln("  none: no detector crossed its threshold");
    }
    for (Finding f : r.findings()) {
      w.ln("");
      w.ln("  [%s] %s  (%s, confidence %.2f)", f.severity(), Text.printable(f.id()),
          f.category().name().toLowerCase(Locale.ROOT), f.confidence());
      w.ln("    %s", Text.printable(f.summary()));
      w.ln("    -> %s", Text.printable(f.recommendation()));
      for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
        w.ln("       %s: %s", Text.printable(e.getKey()), Text.printable(Text.bound(String.valueOf(e.getValue()), 400)));
      }
    }
    w.ln("");
    AnonymityMeasures a = r.anonymity();
    w.ln("ANONYMITY");
    w.ln("  peers N %d, entropy H %.3f bits (max %.3f), effective anonymity set 2^H %.2f, degree H/log2N %.3f",
        a.distinctPeers(), a.entropyBits(), a.maxEntropyBits(), a.effectiveAnonymitySet(), a.degreeOfAnonymity());
    w.ln("  prefixes %d, prefix entropy %.3f bits, effective prefixes %.2f, top peer share %.1f%% (of %d %s)",
        a.distinctPrefixes(), a.prefixEntropyBits(), a.effectivePrefixSet(), 100 * a.topPeerShare(),
        a.totalTraffic(), a.trafficUnit());
    w.ln("");
    ConsoleGossip.render(r.gossip(), w.out());
    w.ln("PEERS (%d of %d, busiest first)", Math.min(PEER_ROWS, r.peers().size()), r.totals().peers());
    w.ln("  %s %s %s %s %s %s", Text.cell("peer id", 24), Text.cell("dir", 8), Text.cell("streams", 8),
        Text.cell("share", 7), Text.cell("ips", 18), "agentVersion");
    for (PeerRow p : r.peers().subList(0, Math.min(PEER_ROWS, r.peers().size()))) {
      w.ln("  %s %s %s %s %s %s",
          Text.cell(Text.printable(p.peerId()), 24),
          Text.cell(p.direction(), 8),
          Text.cell(Long.toString(p.streams()), 8),
          Text.cell(String.format("%.1f%%", 100 * p.trafficShare()), 7),
          Text.cell(Text.printable(String.join(",", p.ips())), 18),
          Text.printable(Text.bound(p.agentVersion() == null ? "-" : p.agentVersion(), 60)));
    }
    w.ln("");
    w.ln("PROTOCOLS (%d shown)", Math.min(PROTOCOL_ROWS, r.protocols().size()));
    for (ProtocolCount pc : r.protocols().subList(0, Math.min(PROTOCOL_ROWS, r.protocols().size()))) {
      w.ln("  %s streams %-8d advertised by %d peers", Text.cell(Text.printable(pc.protocolId()), 40),
          pc.streams(), pc.peersAdvertising());
    }
    w.ln("");
    w.ln("PROOFS (%s)", MockProofSystem.NOTICE);
    for (Proof p : r.proofs()) {
      w.ln("  %-24s threshold %-8s value %-10s %s  commitment %s",
          p.statement().label(), Format.number(p.threshold()), Format.number(p.claimedValue()),
          p.holds() ? "HOLDS      " : "DOES NOT HOLD", p.commitmentHex().substring(0, Math.min(16, p.commitmentHex().length())) + "...");
    }
    if (r.proofs().isEmpty()) {
      w.ln("  none");
    }
  }

  /** What the collector took in and lost, for all nodes together. */
  private static void collector(Report r, Line w) throws IOException {
    w.ln("");
    CollectorCounters c = r.counters();
    w.ln("COLLECTOR");
    w.ln("  accepted %d, dropped (queue full) %d, evicted connections %d, evicted peers %d, ring overwrites %d",
        c.accepted(), c.droppedQueueFull(), c.evictedConnections(), c.evictedPeers(), c.evictedEvents());
    w.ln("  evicted streams %d, evicted prefixes %d, untracked connections %d, lost writing the events file %d",
        c.evictedStreams(), c.evictedPrefixes(), c.untrackedConnections(), c.eventsFileLost());
    w.ln("  memory %s of %s cap", Format.bytes(c.estimatedBytes()), Format.bytes(c.memoryCapBytes()));
    w.ln("  truncated strings %d, skipped lines %d, unknown types %d, unknown fields %d, total dropped %d",
        c.truncatedStrings(), c.skippedLines(), c.unknownTypes(), c.unknownFields(), r.droppedTotal());
    for (String note : r.notes()) {
      w.ln("  note: %s", Text.printable(note));
    }
  }

  /** Appends formatted lines; keeps render() readable. */
  private record Line(Appendable out) {
    void ln(String fmt, Object... args) throws IOException {
      out.append(args.length == 0 ? fmt : String.format(Locale.ROOT, fmt, args)).append('\n');
    }
  }
}
