package dev.privacyagent.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.Event;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A live report over a running collector: takes a snapshot and analyses it at most once per
 * {@code minIntervalMillis}, on the calling server thread, and only when the collector accepted
 * new events since the last analysis. The application's threads only ever feed the collector.
 */
public final class LiveReportSource implements ReportSource {
  /** Turns a snapshot into a view; the version field of its result is ignored. */
  public interface Analysis extends Function<Snapshot, ReportView> {}

  private final Supplier<Snapshot> snapshots;
  private final Analysis analysis;
  private final Function<JsonNode, ProofCheck> verifier;
  private final long minIntervalMillis;
  private ReportView current;
  private long lastAccepted = -1;
  private long lastComputedMillis;
  private long version;

  public LiveReportSource(Supplier<Snapshot> snapshots, Analysis analysis,
      Function<JsonNode, ProofCheck> verifier, long minIntervalMillis) {
    this.snapshots = snapshots;
    this.analysis = analysis;
    this.verifier = verifier;
    this.minIntervalMillis = minIntervalMillis;
  }

  @Override
  public synchronized ReportView current() {
    long now = System.currentTimeMillis();
    if (current != null && now - lastComputedMillis < minIntervalMillis) {
      return current;
    }
    Snapshot s = snapshots.get();
    lastComputedMillis = now;
    long accepted = s.counters().accepted() + s.counters().totalDropped();
    if (current != null && accepted == lastAccepted) {
      return current;
    }
    lastAccepted = accepted;
    ReportView v = analysis.apply(s);
    current = new ReportView(++version, v.generatedWallMillis(), v.riskScore(), v.findings(),
        v.anonymity(), v.proofs(), v.snapshot(), v.report());
    return current;
  }

  @Override
  public List<Event> eventsSince(long since, int limit) {
    ReportView v = current();
    return EventWindow.since(v.snapshot().recentEvents(), since, limit);
  }

  @Override
  public ProofCheck verifyProof(JsonNode proof) {
    return verifier.apply(proof);
  }
}
