package dev.privacyagent.agent.output;

import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.report.Report;
import java.util.Locale;

/** The periodic one-line summary: what the agent has seen and what the analyzer makes of it. */
public final class Summary {
  private Summary() {}

  /**
   * The summary of {@code s}; its {@code dropped} is every lost event, those the events file lost
   * included (the collector counts them, see {@code MetadataCollector#countEventsFileLosses}).
   */
  public static String line(Snapshot s, Report r, long agentFailures) {
    long open = 0;
    for (ConnectionStats c : s.connections().values()) {
      if (c.open()) {
        open++;
      }
    }
    CollectorCounters k = s.counters();
    long streams = 0;
    for (long n : s.protocols().values()) {
      streams += n;
    }
    return String.format(
        Locale.ROOT,
        "summary: nodes=%d connections=%d (open %d) peers=%d negotiated-streams=%d events=%d"
            + " dropped=%d agent-errors=%d risk=%.2f findings=%d",
        s.localNodes().size(),
        s.connections().size(),
        open,
        s.peers().size(),
        streams,
        k.accepted(),
        k.totalDropped(),
        agentFailures,
        r.riskScore(),
        r.findings().size());
  }

  /**
   * The gossip part of the summary, empty before any gossip: received messages with and without
   * an event of their own (sampling), and entries lost to the agent's bounds.
   */
  public static String gossip(dev.privacyagent.agent.dispatch.gossip.GossipDispatcher.Counts c) {
    if (c == null || c.sampled() + c.skipped() + c.truncated() == 0) {
      return "";
    }
    return String.format(Locale.ROOT,
        " gossip-message-events=%d gossip-messages-unsampled=%d gossip-truncated=%d gossip-validation-unknown=%d",
        c.sampled(), c.skipped(), c.truncated(), c.validationUnknown());
  }
}
