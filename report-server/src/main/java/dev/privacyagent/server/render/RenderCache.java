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
  private final java.util.Map<String, RiskHistory> nodeHistory = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile Rendered rendered;
  /** The per-node renderings of {@link #rendered}'s version, made on first request. */
  private volatile java.util.concurrent.ConcurrentHashMap<String, Rendered> nodes =
      new java.util.concurrent.ConcurrentHashMap<>();

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
      for (ReportView.NodeView n : v.nodes()) {
        if (nodeHistory.size() < MAX_NODE_HISTORIES || nodeHistory.containsKey(n.node())) {
          nodeHistory.computeIfAbsent(n.node(), k -> new RiskHistory(120))
              .add(n.view().generatedWallMillis(), n.view().riskScore());
        }
      }
      nodes = new java.util.concurrent.ConcurrentHashMap<>();
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

  /** Local nodes whose risk trend is kept (the collector gives at most 64 their own view). */
  static final int MAX_NODE_HISTORIES = 256;

  /**
   * What is served for the local node whose peer id or name is {@code idOrName}: its own
   * dashboard, peers and proofs (metrics stay whole-JVM); null when there is no such node.
   */
  public Rendered node(String idOrName) {
    Rendered all = current();
    ReportView.NodeView n = all.view().node(idOrName);
    if (n == null) {
      return null;
    }
    java.util.concurrent.ConcurrentHashMap<String, Rendered> map = nodes;
    return map.computeIfAbsent(n.node(), k -> {
      RiskHistory h = nodeHistory.get(k);
      return new Rendered(
          all.version(),
          n.view(),
          Json.bytes(DashboardJson.ofNode(n, all.view(), h == null ? java.util.List.of() : h.points())),
          Json.bytes(DashboardJson.allPeers(n.view().snapshot(), MAX_API_PEERS)),
          Json.bytes(DashboardJson.proofs(n.view().proofs())),
          all.metrics());
    });
  }

  public ReportSource source() {
    return source;
  }
}
