package dev.privacyagent.analyzer.render;

/** The inline stylesheet of the HTML report (no fonts or images from anywhere). */
final class HtmlStyle {
  private HtmlStyle() {}

  static final String CSS = """
      :root { color-scheme: light; --fg:#0f172a; --muted:#475569; --line:#e2e8f0; --bg:#f8fafc; }
      * { box-sizing: border-box; }
      body { margin:0; padding:1.5rem 2rem 3rem; font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
      h1 { margin:0 0 .25rem; font-size:1.6rem; }
      h2 { font-size:1.15rem; margin:1.8rem 0 .6rem; }
      .card h2 { margin:0 0 .5rem; font-size:1rem; }
      h3 { font-size:1rem; margin:0 0 .3rem; }
      code { font:13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break:break-all; }
      .meta { color:var(--muted); font-size:.88rem; margin:.2rem 0; }
      .verdict { font-size:1.05rem; background:#fff; border:1px solid var(--line); border-radius:10px; padding:.7rem 1rem; margin:1rem 0 0; }
      .summary { display:grid; grid-template-columns:repeat(auto-fit, minmax(240px, 1fr)); gap:1rem; margin-top:1rem; }
      .card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:1rem; }
      .gauge { text-align:center; }
      .risk-label { font-weight:600; margin:.2rem 0 0; }
      dl { display:grid; grid-template-columns:auto auto; gap:.2rem .8rem; margin:0; font-size:.9rem; }
      dt { color:var(--muted); } dd { margin:0; text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
      .finding { background:#fff; border:1px solid var(--line); border-left:6px solid #64748b; border-radius:8px; padding:.8rem 1rem; margin:.7rem 0; }
      .finding.sev-critical { border-left-color:#7f1d1d; } .finding.sev-high { border-left-color:#dc2626; }
      .finding.sev-medium { border-left-color:#ea580c; } .finding.sev-low { border-left-color:#ca8a04; }
      .badge { display:inline-block; min-width:5.2em; text-align:center; border-radius:4px; color:#fff; font-size:.75rem; padding:.1rem .4rem; margin-right:.4rem; vertical-align:1px; background:#64748b; }
      .badge.sev-critical { background:#7f1d1d; } .badge.sev-high { background:#dc2626; } .badge.sev-medium { background:#ea580c; } .badge.sev-low { background:#ca8a04; }
      .rec { margin:.4rem 0; }
      details { margin-top:.3rem; } summary { cursor:pointer; color:var(--muted); font-size:.9rem; }
      table { border-collapse:collapse; font-size:.86rem; }
      th, td { border-bottom:1px solid var(--line); padding:.3rem .5rem; text-align:left; vertical-align:top; }
      table.evidence th { color:var(--muted); font-weight:500; white-space:nowrap; }
      table.evidence ul { margin:0; padding-left:1.1rem; }
      .scroll { overflow-x:auto; background:#fff; border:1px solid var(--line); border-radius:8px; }
      table.peers { width:100%; } table.peers td { max-width:22rem; overflow-wrap:anywhere; }
      .num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
      .warn { color:#dc2626; font-weight:600; }
      .mock { display:inline-block; background:#fef3c7; border:1px solid #f59e0b; border-radius:6px; padding:.3rem .6rem; font-weight:600; }
      .ok { color:#15803d; font-weight:600; } .fail { color:#b91c1c; font-weight:600; }
      .empty { color:var(--muted); }
      svg.chart { max-width:760px; display:block; } svg.chart.small { max-width:320px; }
      svg text { font:12px system-ui, sans-serif; fill:#0f172a; }
      table.nodes td.diff { background:#fee2e2; color:#991b1b; font-weight:600; }
      .highlight { color:#b91c1c; font-size:.8rem; }
      .node { border-top:3px solid var(--line); margin-top:2rem; }
      h2.node-title { font-size:1.35rem; }
      footer { margin-top:2.5rem; color:var(--muted); font-size:.8rem; }
      """;
}
