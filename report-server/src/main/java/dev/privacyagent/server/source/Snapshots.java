package dev.privacyagent.server.source;

import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.collect.Snapshot;
import java.util.List;
import java.util.Map;

/** Snapshot helpers for sources that have no collector state yet. */
public final class Snapshots {
  private Snapshots() {}

  public static Snapshot empty(long nowMillis) {
    return new Snapshot(nowMillis, 0, 0, List.of(), Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), List.of(), CollectorCounters.ZERO, 0, List.of(), Map.of());
  }
}
