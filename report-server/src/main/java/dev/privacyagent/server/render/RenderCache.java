package dev.privacyagent.server.render;

import dev.privacyagent.server.metrics.MetricsRenderer;
import dev.privacyagent.server.source.ReportSource;
import dev.privacyagent.server.source.ReportView;
import java.nio.charset.StandardCharsets;

/**
 * Renders each report version once, on whichever server thread asks first, and hands every
 * later request the same bytes. The source's snapshot is immutable, so rendering never touches
 * the application's threads or state.
 */
public final class RenderCache {
  static final int MAX_API_PEERS = 10_000;
  private final ReportSource source;
  private final RiskHistory history = new RiskHistory(120);
  private volatile Rendered rendered;

  public RenderCache(ReportSource source) {
    this.source = source;
  }

  public Rendered current() {
    ReportView v = source.current();
    Rendered r = rendered;
    if (r != null && r.version() == v.version()) {
      return r;
    }
    synchronized (this) {
      r = rendered;
      if (r != null && r.version() == v.version()) {
        return r;
      }
      history.add(v.generatedWallMillis(), v.riskScore());
      r = new Rendered(
          v.version(),
          v,
          Json.bytes(DashboardJson.of(v, history.points())),
          Json.bytes(DashboardJson.allPeers(v.snapshot(), MAX_API_PEERS)),
          Json.bytes(DashboardJson.proofs(v.proofs())),
          MetricsRenderer.render(v).getBytes(StandardCharsets.UTF_8));
      rendered = r;
      return r;
    }
  }

  public ReportSource source() {
    return source;
  }
}
