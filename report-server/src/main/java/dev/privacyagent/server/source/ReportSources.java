package dev.privacyagent.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.analyzer.collect.NodeSnapshots;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.proof.MockProofSystem;
import dev.privacyagent.analyzer.proof.Proof;
import dev.privacyagent.analyzer.proof.Verification;
import dev.privacyagent.analyzer.report.Report;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** The two ways the server is fed: a fixed offline report, or a live collector. */
public final class ReportSources {
  /** How often a live source re-analyses at most; the page updates at this pace. */
  public static final long LIVE_INTERVAL_MILLIS = 1_000;

  private ReportSources() {}

  /** {@code analyze FILE... --serve}: the report of the merged files, never changing. */
  public static ReportSource offline(Snapshot snapshot, Report report, List<Event> events) {
    return offline(NodeSnapshots.single(snapshot), report, events);
  }

  /** {@code analyze FILE... --serve}: the report of the files, per node, never changing. */
  public static ReportSource offline(NodeSnapshots snapshots, Report report, List<Event> events) {
    return new FixedReportSource(AnalyzerViews.view(1, snapshots, report), events,
        json -> check(AnalyzerViews.proof(json), List.of(report)));
  }

  /**
   * The agent: analyses {@code snapshots} (e.g. {@code collector::snapshot}) on the server's
   * threads at most once per {@link #LIVE_INTERVAL_MILLIS}. A proof verifies against any of the
   * last few reports, so a proof shown a moment ago still checks after the report moved on.
   */
  public static ReportSource live(Supplier<Snapshot> snapshots, PrivacyAnalyzer analyzer) {
    return liveNodes(() -> NodeSnapshots.single(snapshots.get()), analyzer);
  }

  /**
   * The agent, per local node: analyses {@code snapshots} (e.g. {@code
   * collector::nodeSnapshots}) into a report with one section per node, as {@link #live}.
   */
  public static ReportSource liveNodes(Supplier<NodeSnapshots> snapshots, PrivacyAnalyzer analyzer) {
    Deque<Report> recent = new ArrayDeque<>();
    LiveReportSource.Analysis analysis = s -> {
      Report r = analyzer.analyze(s);
      synchronized (recent) {
        if (recent.size() == 8) {
          recent.removeFirst();
        }
        recent.addLast(r);
      }
      return AnalyzerViews.view(0, s, r);
    };
    return new LiveReportSource(snapshots, analysis, json -> {
      Proof p = AnalyzerViews.proof(json);
      List<Report> newestFirst = new java.util.ArrayList<>();
      synchronized (recent) {
        recent.descendingIterator().forEachRemaining(newestFirst::add);
      }
      return check(p, newestFirst);
    }, LIVE_INTERVAL_MILLIS);
  }

  private static ProofCheck check(Proof p, List<Report> reports) {
    Verification last = null;
    for (Report r : reports) {
      List<Report> own = new java.util.ArrayList<>(List.of(r));
      r.nodes().forEach(n -> own.add(n.report()));
      for (Report x : own) {
        last = MockProofSystem.verify(p, x);
        if (last.valid()) {
          return new ProofCheck(true, last.reason());
        }
      }
    }
    return new ProofCheck(false, last == null ? "no report to verify against" : last.reason());
  }

  /** Helper for callers holding a JSON proof and a report. */
  static ProofCheck verify(JsonNode json, Report report) {
    return check(AnalyzerViews.proof(json), List.of(report));
  }
}
