package dev.privacyagent.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.analyzer.collect.NodeSnapshots;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.Event;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A live report over a running collector. Snapshots are taken and analysed at most once per
 * {@code minIntervalMillis}, only when the collector accepted new events, on one background
 * analysis thread of the server's own: a request never waits for an analysis except the very
 * first, and gets the newest finished view meanwhile. The application's threads only ever feed
 * the collector.
 */
public final class LiveReportSource implements ReportSource {
  /** Turns snapshots into a view; the version field of its result is ignored. */
  public interface Analysis extends Function<NodeSnapshots, ReportView> {}

  private final Supplier<NodeSnapshots> snapshots;
  private final Analysis analysis;
  private final Function<JsonNode, ProofCheck> verifier;
  private final long minIntervalMillis;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private final ThreadPoolExecutor worker;
  private volatile ReportView current;
  private volatile long lastCheckedMillis;
  private long lastAccepted = -1;
  private long version;

  public LiveReportSource(Supplier<NodeSnapshots> snapshots, Analysis analysis,
      Function<JsonNode, ProofCheck> verifier, long minIntervalMillis) {
    this.snapshots = snapshots;
    this.analysis = analysis;
    this.verifier = verifier;
    this.minIntervalMillis = minIntervalMillis;
    // One daemon thread that exists only while there is analysis to do.
    this.worker = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "pa-report-analysis");
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public ReportView current() {
    ReportView v = current;
    if (v == null) {
      synchronized (this) {
        if (current == null) {
          refresh();
        }
        return current;
      }
    }
    if (System.currentTimeMillis() - lastCheckedMillis >= minIntervalMillis
        && refreshing.compareAndSet(false, true)) {
      worker.execute(() -> {
        try {
          synchronized (this) {
            refresh();
          }
        } catch (RuntimeException e) {
          // Keep serving the last good view; the next request retries after the interval.
          dev.privacyagent.server.log.ServerLog.warnOnce("analysis:" + e.getClass().getName(),
              "report analysis failed: " + dev.privacyagent.server.log.ServerLog.describe(e));
        } finally {
          refreshing.set(false);
        }
      });
    }
    return v;
  }

  /** Takes a snapshot and, when anything changed, analyses it into a new version. */
  private void refresh() {
    lastCheckedMillis = System.currentTimeMillis();
    NodeSnapshots ns = snapshots.get();
    Snapshot s = ns.all();
    long seen = s.counters().accepted() + s.counters().totalDropped();
    if (current != null && seen == lastAccepted) {
      return;
    }
    ReportView v = analysis.apply(ns);
    lastAccepted = seen;
    current = v.withVersion(++version);
  }

  @Override
  public List<Event> eventsSince(long since, int limit) {
    return EventWindow.since(current().snapshot().recentEvents(), since, limit);
  }

  @Override
  public ProofCheck verifyProof(JsonNode proof) {
    return verifier.apply(proof);
  }
}
