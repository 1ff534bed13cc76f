(function () {
  "use strict";
  // Every value from the report, and above all every peer-controlled string, reaches the DOM
  // through textContent or an SVG numeric attribute, never parsed as markup.
  var SVG = "http://www.w3.org/2000/svg";
  var state = { report: null, mode: "wait", pollTimer: null, source: null, node: "" };
  var hashNode = /^#node=(.+)$/.exec(window.location.hash || "");
  if (hashNode) { try { state.node = decodeURIComponent(hashNode[1]); } catch (e) { state.node = ""; } }

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function svg(tag, attrs, cls) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) { if (Object.prototype.hasOwnProperty.call(attrs, k)) { e.setAttribute(k, String(attrs[k])); } }
    if (cls) { e.setAttribute("class", cls); }
    return e;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function num(v) { return typeof v === "number" && isFinite(v) ? v : 0; }
  function fmt(v, digits) {
    if (typeof v !== "number" || !isFinite(v)) { return "\u2013"; }
    if (Math.abs(v - Math.round(v)) < 1e-9 && Math.abs(v) >= 1) { return Math.round(v).toLocaleString("en-US"); }
    return v.toFixed(digits === undefined ? 2 : digits);
  }
  function age(ms) {
    if (!(ms > 0)) { return "\u2013"; }
    var s = Math.floor(ms / 1000);
    if (s < 60) { return s + "s"; }
    var m = Math.floor(s / 60);
    if (m < 60) { return m + "m " + (s % 60) + "s"; }
    var h = Math.floor(m / 60);
    if (h < 48) { return h + "h " + (m % 60) + "m"; }
    return Math.floor(h / 24) + "d " + (h % 24) + "h";
  }
  function level(score) {
    if (score >= 0.75) { return ["critical", "Critical exposure"]; }
    if (score >= 0.5) { return ["high", "High exposure"]; }
    if (score >= 0.25) { return ["medium", "Moderate exposure"]; }
    return ["low", "Low exposure"];
  }
  function sevClass(s) {
    s = String(s || "info").toLowerCase();
    return ["info", "low", "medium", "high", "critical"].indexOf(s) >= 0 ? s : "info";
  }
  function words(key) {
    var w = String(key).replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
    return w.charAt(0).toUpperCase() + w.slice(1);
  }
  var SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

  function nodeQuery() { return state.node ? "?node=" + encodeURIComponent(state.node) : ""; }

  function renderHeader(r) {
    var list = Array.isArray(r.nodes) ? r.nodes : [];
    if (r.node && r.node.name) {
      $("nodes").textContent = "node " + r.node.name + " (" + r.node.node + ")" +
        (r.node.localPeers && r.node.localPeers.length ? " \u00b7 also connected to local node(s) " + r.node.localPeers.join(", ") : "");
    } else if (list.length > 1) {
      $("nodes").textContent = list.length + " local nodes, all together: " + list.map(function (n) { return n.name; }).join(", ");
    } else {
      var nodes = r.localNodes || [];
      $("nodes").textContent = nodes.length ? "local node " + (list.length === 1 ? list[0].name + " (" + nodes.join(", ") + ")" : nodes.join(", ")) : "no local node seen yet";
    }
    var sel = $("node-select");
    var want = [""].concat(list.map(function (n) { return n.node; }));
    var have = Array.prototype.map.call(sel.options, function (o) { return o.value; });
    if (want.join("\n") !== have.join("\n")) {
      while (sel.options.length > 1) { sel.remove(1); }
      list.forEach(function (n) { var o = el("option", null, n.name); o.value = n.node; sel.appendChild(o); });
    }
    sel.value = state.node;
    $("node-pick").hidden = list.length < 2 && !state.node;
  }

  var COMPARE = [["riskScore", true, 2], ["sev:CRITICAL", true, 0], ["sev:HIGH", true, 0], ["sev:MEDIUM", true, 0], ["sev:LOW", true, 0],
    ["peers", false, 0], ["prefixes", false, 0], ["effectiveAnonymitySet", false, 2], ["degreeOfAnonymity", false, 3],
    ["agentVersionBits", true, 1], ["protocolSetBits", true, 1], ["openConnections", false, 0], ["plaintextConnections", true, 0]];
  function cval(row, key) {
    if (key.indexOf("sev:") === 0) { return num((row.severityCounts || {})[key.slice(4)]); }
    return num(row[key]);
  }
  function worstOnly(rows, i, key, higherIsWorse) {
    var v = cval(rows[i], key);
    if (rows.length < 2 || (higherIsWorse && v <= 0)) { return false; }
    for (var j = 0; j < rows.length; j++) {
      if (j === i) { continue; }
      var o = cval(rows[j], key);
      if (higherIsWorse ? o >= v : o <= v) { return false; }
    }
    return true;
  }
  function renderComparison(r) {
    var list = (Array.isArray(r.nodes) ? r.nodes : []).filter(function (n) { return n && n.comparison; });
    $("comparison-card").hidden = list.length < 2;
    var body = clear($("comparison").tBodies[0]);
    var rows = list.map(function (n) { return n.comparison; });
    rows.forEach(function (row, i) {
      var tr = el("tr", state.node === row.node ? "current" : null);
      tr.setAttribute("data-node", String(row.node));
      var name = el("td");
      name.appendChild(el("strong", null, row.name));
      tr.appendChild(name);
      COMPARE.forEach(function (c) {
        var td = el("td", "num" + (worstOnly(rows, i, c[0], c[1]) ? " diff" : ""), fmt(cval(row, c[0]), c[2]));
        if (c[2] === 0) { td.textContent = String(Math.round(cval(row, c[0]))); }
        tr.appendChild(td);
      });
      var diff = el("td");
      (row.highlights || []).forEach(function (h) { diff.appendChild(el("span", "hl", h)); });
      tr.appendChild(diff);
      tr.addEventListener("click", function () { selectNode(String(row.node)); });
      body.appendChild(tr);
    });
  }

  function selectNode(node) {
    if (node === state.node) { return; }
    state.node = node;
    state.report = null;
    try { history.replaceState(null, "", node ? "#node=" + encodeURIComponent(node) : "#"); } catch (e) { /* file: or sandboxed */ }
    document.body.setAttribute("data-node", node);
    if (state.source) { state.source.close(); state.source = null; }
    poll();
    startStream();
  }

  function renderRisk(r) {
    var score = Math.max(0, Math.min(1, num(r.riskScore)));
    var lv = level(score);
    var s = $("risk-score");
    s.textContent = score.toFixed(2);
    s.setAttribute("class", "risk-score lvl-" + lv[0]);
    var l = $("risk-label");
    l.textContent = lv[1];
    l.setAttribute("class", "risk-label lvl-" + lv[0]);
    var g = clear($("risk-gauge"));
    var cx = 60, cy = 62, rad = 48;
    g.appendChild(svg("path", { d: "M " + (cx - rad) + " " + cy + " A " + rad + " " + rad + " 0 0 1 " + (cx + rad) + " " + cy }, "gauge-bg"));
    var a = Math.PI * (1 - score);
    var x = cx + rad * Math.cos(a), y = cy - rad * Math.sin(a);
    if (score > 0.001) {
      g.appendChild(svg("path", { d: "M " + (cx - rad) + " " + cy + " A " + rad + " " + rad + " 0 0 1 " + x.toFixed(2) + " " + y.toFixed(2) }, "gauge-fg lvl-" + lv[0]));
    }
    renderTrend(r.riskTrend || []);
  }

  function renderTrend(points) {
    var t = clear($("risk-trend"));
    if (!points.length) { return; }
    var w = 300, h = 60, pad = 5;
    var t0 = points[0].t, t1 = points[points.length - 1].t;
    var span = Math.max(1, t1 - t0);
    function px(p, i) { return points.length === 1 ? w / 2 : pad + (w - 2 * pad) * (p.t - t0) / span; }
    function py(p) { return h - pad - (h - 2 * pad) * Math.max(0, Math.min(1, num(p.score))); }
    var d = "", area = "";
    points.forEach(function (p, i) {
      d += (i ? " L " : "M ") + px(p, i).toFixed(1) + " " + py(p).toFixed(1);
    });
    if (points.length > 1) {
      area = d + " L " + px(points[points.length - 1]).toFixed(1) + " " + (h - pad) + " L " + px(points[0]).toFixed(1) + " " + (h - pad) + " Z";
      t.appendChild(svg("path", { d: area }, "spark-area"));
      t.appendChild(svg("path", { d: d }, "spark-line"));
    }
    if (points.length === 1) {
      // One report so far (always so offline): a level line instead of a lone dot.
      t.appendChild(svg("line", { x1: pad, y1: py(points[0]).toFixed(1), x2: w - pad, y2: py(points[0]).toFixed(1) }, "spark-flat"));
    }
    var last = points[points.length - 1];
    t.appendChild(svg("circle", { cx: px(last, points.length - 1).toFixed(1), cy: py(last).toFixed(1), r: 3 }, "spark-dot"));
    $("trend-range").textContent = points.length === 1 ? "one report so far" : points.length + " reports over " + age(span);
  }

  function stat(parent, value, label, warn) {
    var d = el("div", "stat" + (warn ? " warn" : ""));
    d.appendChild(el("div", "v", value));
    d.appendChild(el("div", "k", label));
    parent.appendChild(d);
  }

  function renderStats(r) {
    var s = clear($("stats"));
    var p = r.peers || {}, c = r.connections || {}, k = r.counters || {};
    stat(s, fmt(num(p.connected), 0) + " / " + fmt(num(p.total), 0), "peers connected / seen");
    stat(s, fmt(num(c.open), 0) + " / " + fmt(num(c.total), 0), "connections open / seen");
    stat(s, fmt(num((r.protocols || {}).total), 0), "protocols negotiated");
    stat(s, fmt(num(k.accepted), 0), "events analysed");
    stat(s, fmt(num(k.totalDropped), 0), "dropped or evicted", num(k.totalDropped) > 0);
    stat(s, fmt((r.findings || []).length, 0), "findings", (r.findings || []).length > 0);
  }

  function renderAnonymity(r) {
    var body = clear($("anonymity").tBodies[0]);
    var a = r.anonymity || {};
    var keys = Object.keys(a);
    if (!keys.length) {
      var tr = el("tr"); var td = el("td", "empty", "no measures yet"); td.colSpan = 2; tr.appendChild(td); body.appendChild(tr);
      return;
    }
    keys.forEach(function (key) {
      var tr = el("tr");
      tr.appendChild(el("td", null, words(key)));
      tr.appendChild(el("td", null, fmt(a[key], 3)));
      body.appendChild(tr);
    });
  }

  function renderFindings(r) {
    var box = clear($("findings"));
    var list = r.findings || [];
    $("findings-count").textContent = list.length + (list.length === 1 ? " finding" : " findings");
    if (!list.length) {
      box.appendChild(el("div", "ok-note", "No privacy findings in the current window."));
      return;
    }
    list = list.slice().sort(function (a, b) {
      return (SEVERITY_RANK[sevClass(a.severity)] - SEVERITY_RANK[sevClass(b.severity)]) || (num(b.confidence) - num(a.confidence));
    });
    list.forEach(function (f) {
      var sev = sevClass(f.severity);
      var card = el("article", "finding sev-" + sev);
      var head = el("div", "f-head");
      head.appendChild(el("span", "badge sev-" + sev, sev));
      head.appendChild(el("span", "f-cat", f.category));
      head.appendChild(el("span", "muted small", "confidence " + Math.round(num(f.confidence) * 100) + "%"));
      head.appendChild(el("span", "muted small mono", f.id));
      card.appendChild(head);
      card.appendChild(el("div", "f-summary", f.summary));
      if (f.recommendation) {
        var rec = el("div", "f-rec");
        rec.appendChild(el("b", null, "Recommendation: "));
        rec.appendChild(document.createTextNode(String(f.recommendation)));
        card.appendChild(rec);
      }
      if (f.evidence && f.evidence.length) {
        var det = el("details", "f-ev");
        det.appendChild(el("summary", null, "Evidence (" + f.evidence.length + ")"));
        var ul = el("ul");
        f.evidence.forEach(function (e) { ul.appendChild(el("li", null, e)); });
        det.appendChild(ul);
        card.appendChild(det);
      }
      box.appendChild(card);
    });
  }

  function renderTimeline(r) {
    var t = clear($("timeline"));
    var c = r.connections || {}, items = (c.items || []).slice(0, 40);
    $("timeline-note").textContent = items.length ? "latest " + items.length + " of " + fmt(num(c.total), 0) : "";
    if (!items.length) {
      var tx = svg("text", { x: "50%", y: 100, "text-anchor": "middle" }, "tl-empty");
      tx.textContent = "no connections yet";
      t.appendChild(tx);
      return;
    }
    var now = num(r.generatedAt) || Date.now();
    var t0 = now;
    items.forEach(function (i) { if (num(i.opened) > 0 && i.opened < t0) { t0 = i.opened; } });
    var span = Math.max(1000, now - t0);
    // Match the viewBox to the rendered width so labels are not stretched.
    var W = Math.max(300, Math.round(t.getBoundingClientRect().width) || 600), H = 200;
    t.setAttribute("viewBox", "0 0 " + W + " " + H);
    var rowH = Math.min(22, (H - 18) / items.length);
    for (var q = 0; q <= 4; q++) {
      var gx = Math.min(W - 1, Math.max(1, W * q / 4));
      t.appendChild(svg("line", { x1: gx, y1: 0, x2: gx, y2: H - 16 }, "tl-axis"));
      var lab = svg("text", { x: gx, y: H - 4, "text-anchor": q === 0 ? "start" : q === 4 ? "end" : "middle" }, "tl-label");
      lab.textContent = q === 4 ? "now" : "\u2212" + age(span * (4 - q) / 4);
      t.appendChild(lab);
    }
    items.slice().reverse().forEach(function (i, idx) {
      var start = num(i.opened) || t0, end = num(i.closed) || now;
      var x = W * (start - t0) / span, w = Math.max(2, W * (end - start) / span);
      var cls = "tl-" + (i.direction === "inbound" ? "in" : i.direction === "outbound" ? "out" : "unknown") + (num(i.closed) > 0 ? " tl-closed" : "");
      var rect = svg("rect", { x: x.toFixed(1), y: (idx * rowH + rowH * 0.18).toFixed(1), width: w.toFixed(1), height: Math.max(1, rowH * 0.64).toFixed(1), rx: 1.5 }, cls);
      var title = document.createElementNS(SVG, "title");
      var stack = [i.transport || "?", i.security || "no security id", i.muxer || (i.nativeStreams ? "native streams" : "no muxer id")].join(" / ");
      title.textContent = (i.peerId || "?") + " \u00b7 " + (i.remoteAddr || "") + " \u00b7 " + stack + " \u00b7 " + i.direction + " \u00b7 " + (i.streams || 0) + " streams" + (num(i.closed) > 0 ? " \u00b7 closed" : " \u00b7 open");
      rect.appendChild(title);
      t.appendChild(rect);
    });
  }

  function renderProtocols(r) {
    var box = clear($("protocols"));
    var p = r.protocols || {}, items = p.items || [];
    $("protocols-note").textContent = fmt(num(p.total), 0) + " protocols";
    if (!items.length) { box.appendChild(el("div", "empty", "no streams negotiated yet")); return; }
    var max = 1;
    items.forEach(function (i) { max = Math.max(max, num(i.streams)); });
    function row(label, n) {
      var d = el("div", "bar-row");
      var lab = el("span", "bar-label", label);
      lab.title = label;
      d.appendChild(lab);
      var s = svg("svg", { viewBox: "0 0 100 12", preserveAspectRatio: "none" }, "bar-svg");
      s.appendChild(svg("rect", { x: 0, y: 0, width: 100, height: 12, rx: 3 }, "bar-bg"));
      s.appendChild(svg("rect", { x: 0, y: 0, width: Math.max(1, 100 * n / max).toFixed(2), height: 12, rx: 3 }, "bar-fg"));
      d.appendChild(s);
      d.appendChild(el("span", "bar-n", fmt(n, 0)));
      box.appendChild(d);
    }
    items.slice(0, 15).forEach(function (i) { row(i.id, num(i.streams)); });
    var rest = num(p.otherStreams);
    items.slice(15).forEach(function (i) { rest += num(i.streams); });
    if (rest > 0) { row("other protocols", rest); }
  }

  function pct(v) { return (100 * num(v)).toFixed(1) + "%"; }

  // The gossip sections of the analyzer's report (report.gossip), one per local node. Topics
  // come from applications and peers: they are bounded by the analyzer and shown as text only.
  function renderGossip(r) {
    var sections = (r.report && Array.isArray(r.report.gossip)) ? r.report.gossip : [];
    var card = $("gossip-card"), box = clear($("gossip"));
    card.hidden = sections.length === 0;
    sections.forEach(function (g) {
      var sec = el("div", "gossip-node");
      sec.setAttribute("data-node", String(g.node || ""));
      sec.appendChild(el("h3", null, "node " + String(g.node || "?") + (g.protocolId ? " \u00b7 " + g.protocolId : "")));
      var exp = el("p", "gossip-exposure");
      exp.appendChild(el("strong", "gossip-share", pct(g.meanLinkProbability)));
      exp.appendChild(document.createTextNode(" of duties linked (f = " + fmt(num(g.adversaryShare), 2) + "): " +
          fmt(num(g.exposedPublishes), 0) + " of " + fmt(num(g.dutyPublishes), 0) +
          " duty messages outside long-lived subscriptions; at least one linked p = " + fmt(num(g.anyLinkProbability), 3)));
      sec.appendChild(exp);
      var subnets = el("div", "gossip-subnets");
      chips(subnets, g.exposedSubnets || [], 12);
      sec.appendChild(subnets);
      var stats = el("div", "stats");
      stat(stats, fmt(num(g.activePeers), 0), "gossip peers");
      stat(stats, fmt(num(g.ownPublished), 0), "own messages");
      stat(stats, fmt(num(g.relayed), 0), "relayed");
      stat(stats, fmt(num(g.received), 0), "received");
      sec.appendChild(stats);
      sec.appendChild(exposureChart(g.exposureOverTime || []));
      var wrap = el("div", "table-wrap");
      var t = el("table", "peers gossip-topics");
      var head = el("tr");
      ["Topic", "Subscribed", "Held for", "Mesh", "Topic peers", "Received", "Relayed", "Own"].forEach(function (h) { head.appendChild(el("th", null, h)); });
      t.appendChild(el("thead")).appendChild(head);
      var body = t.appendChild(el("tbody"));
      (g.topics || []).slice(0, 40).forEach(function (row) {
        var tr = el("tr");
        var td = el("td", "mono", row.topic);
        td.title = String(row.topic);
        tr.appendChild(td);
        tr.appendChild(el("td", null, row.subscribed ? "yes" : "no"));
        tr.appendChild(el("td", null, num(row.subscribedMillis) > 0 ? age(num(row.subscribedMillis)) : "\u2013"));
        [row.meshPeers, row.topicPeers, row.received, row.relayed, row.published].forEach(function (n) { tr.appendChild(el("td", "num", fmt(num(n), 0))); });
        body.appendChild(tr);
      });
      wrap.appendChild(t);
      sec.appendChild(wrap);
      var c = g.counters || {};
      sec.appendChild(el("p", "muted small", "topics " + fmt(num(g.topicsTotal), 0) + " \u00b7 dropped topics " + fmt(num(c.droppedTopics), 0) +
          ", evicted peers " + fmt(num(c.evictedPeers), 0) + ", evicted publish details " + fmt(num(c.evictedPublishes), 0) +
          " \u00b7 per-message events " + fmt(num(c.messageEvents), 0) + ", sampled out " + fmt(num(c.messageEventsSkipped), 0) +
          " \u00b7 findings: " + ((g.findings || []).join(", ") || "none")));
      box.appendChild(sec);
    });
  }

  /** Own messages per bucket (grey), the off-subscription ones (red), link probability (line). */
  function exposureChart(points) {
    var w = 600, h = 80;
    var s = svg("svg", { viewBox: "0 0 " + w + " " + h, preserveAspectRatio: "none" }, "gossip-chart");
    s.setAttribute("aria-label", "duty exposure over time");
    if (!points.length) { return s; }
    var max = 1;
    points.forEach(function (p) { max = Math.max(max, num(p.ownPublished)); });
    var bw = w / points.length, d = "";
    points.forEach(function (p, i) {
      var all = (h - 10) * num(p.ownPublished) / max, off = (h - 10) * num(p.ownUnsubscribed) / max;
      s.appendChild(svg("rect", { x: (i * bw).toFixed(2), y: (h - all).toFixed(2), width: Math.max(0.5, bw - 0.5).toFixed(2), height: all.toFixed(2) }, "g-own"));
      if (off > 0) { s.appendChild(svg("rect", { x: (i * bw).toFixed(2), y: (h - off).toFixed(2), width: Math.max(0.5, bw - 0.5).toFixed(2), height: off.toFixed(2) }, "g-off")); }
      d += (i ? "L" : "M") + (i * bw + bw / 2).toFixed(2) + "," + (h - (h - 10) * Math.max(0, Math.min(1, num(p.linkProbability)))).toFixed(2);
    });
    s.appendChild(svg("path", { d: d }, "g-line"));
    return s;
  }

  function chips(td, list, limit) {
    (list || []).slice(0, limit).forEach(function (x) { td.appendChild(el("span", "chip", x)); });
    if ((list || []).length > limit) { td.appendChild(el("span", "muted small", "+" + (list.length - limit) + " more")); }
  }

  function renderPeers(r) {
    var body = clear($("peers").tBodies[0]);
    var p = r.peers || {}, items = p.items || [];
    var filter = ($("peer-filter").value || "").toLowerCase();
    var now = num(r.generatedAt) || Date.now();
    var shown = 0;
    items.forEach(function (peer) {
      if (filter) {
        var hay = [peer.peerId, peer.agentVersion, (peer.addresses || []).join(" "), (peer.protocols || []).join(" ")].join(" ").toLowerCase();
        if (hay.indexOf(filter) < 0) { return; }
      }
      shown++;
      var tr = el("tr");
      tr.appendChild(el("td", "mono pid", peer.peerId));
      var a = el("td", "addrs"); chips(a, peer.addresses, 4); tr.appendChild(a);
      tr.appendChild(el("td", "agent", peer.agentVersion === null || peer.agentVersion === undefined ? "\u2013" : peer.agentVersion));
      var pr = el("td"); chips(pr, peer.protocols, 6); tr.appendChild(pr);
      tr.appendChild(el("td", "dir dir-" + String(peer.direction || "unknown").replace(/[^a-z]/g, ""), peer.direction));
      tr.appendChild(el("td", null, age(now - num(peer.firstSeen))));
      tr.appendChild(el("td", null, fmt(num(peer.connectionsOpen), 0)));
      body.appendChild(tr);
    });
    if (!shown) {
      var tr = el("tr"); var td = el("td", "empty", items.length ? "no peer matches the filter" : "no peers seen yet"); td.colSpan = 7; tr.appendChild(td); body.appendChild(tr);
    }
    $("peers-note").textContent = "showing " + shown + " of " + fmt(num(p.total), 0);
  }

  function renderCounters(r) {
    var body = clear($("counters").tBodies[0]);
    var k = r.counters || {};
    [["accepted", "Events accepted"], ["droppedQueueFull", "Dropped: queue full"], ["evictedConnections", "Evicted connections"],
     ["evictedPeers", "Evicted peers"], ["evictedEvents", "Evicted raw events"], ["truncatedStrings", "Truncated strings"],
     ["evictedStreams", "Evicted streams"], ["skippedLines", "Skipped input lines"], ["unknownTypes", "Unknown event types"],
     ["unknownFields", "Unknown fields"]].forEach(function (row) {
      var tr = el("tr");
      tr.appendChild(el("td", null, row[1]));
      tr.appendChild(el("td", null, fmt(num(k[row[0]]), 0)));
      body.appendChild(tr);
    });
  }

  function proofTitle(p) {
    var t = p.claim || p.statement || p.kind || p.type || p.name || "proof";
    t = words(t);
    if (typeof p.threshold === "number" && /least|most/i.test(t)) { t += " " + fmt(p.threshold, 2); }
    return t;
  }

  function renderProofs(r) {
    var box = clear($("proofs"));
    var items = ((r.proofs || {}).items) || [];
    if (!items.length) { box.appendChild(el("div", "empty", "no proofs for this report")); return; }
    items.forEach(function (p) {
      var card = el("div", "proof");
      var head = el("div", "proof-head");
      head.appendChild(el("span", "proof-title", typeof p === "object" && p ? proofTitle(p) : p));
      var verdict = el("span", "verdict");
      head.appendChild(verdict);
      var b = el("button", null, "Verify");
      b.type = "button";
      b.addEventListener("click", function () { verify(p, verdict); });
      head.appendChild(b);
      card.appendChild(head);
      if (p && typeof p === "object") {
        var dl = el("dl");
        Object.keys(p).forEach(function (key) {
          var v = p[key];
          if (v !== null && typeof v === "object") { v = JSON.stringify(v); }
          dl.appendChild(el("dt", null, key));
          dl.appendChild(el("dd", null, String(v).length > 140 ? String(v).slice(0, 139) + "\u2026" : v));
        });
        card.appendChild(dl);
      }
      box.appendChild(card);
    });
  }

  function verify(proof, verdict) {
    verdict.textContent = "checking\u2026";
    verdict.className = "verdict";
    fetch("/api/proofs/verify", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(proof), credentials: "same-origin" })
      .then(function (res) { return res.json(); })
      .then(function (j) {
        verdict.textContent = j.valid ? "verified (mock)" : "not valid: " + String(j.reason || j.error || "unknown reason");
        verdict.className = "verdict " + (j.valid ? "ok" : "bad");
      })
      .catch(function () { verdict.textContent = "verify failed"; verdict.className = "verdict bad"; });
  }

  function render(r) {
    if (!r || typeof r !== "object") { return; }
    var old = state.report;
    // The first poll and the first stream event carry the same report: drawing it twice would
    // only reset what the user is doing (a proof verdict, an open evidence list).
    if (old && old.version === r.version && old.generatedAt === r.generatedAt) { tickUpdated(); return; }
    state.report = r;
    if ((r.node ? r.node.node : "") !== state.node && !(r.node && r.node.name === state.node)) { return; } // a late answer for another node
    var parts = [renderHeader, renderComparison, renderRisk, renderStats, renderAnonymity, renderFindings, renderGossip, renderTimeline, renderProtocols, renderPeers, renderCounters, renderProofs];
    parts.forEach(function (f) {
      try { f(r); } catch (e) { if (window.console) { console.warn("render part failed", e); } }
    });
    document.body.setAttribute("data-version", String(r.version));
    document.body.setAttribute("data-shown-node", r.node ? String(r.node.node) : "");
    tickUpdated();
  }

  function setMode(mode) {
    state.mode = mode;
    var pill = $("conn-state");
    var text = { live: "live", poll: "polling", wait: "connecting", off: "disconnected" }[mode];
    pill.textContent = text;
    pill.className = "pill pill-" + mode;
  }

  function tickUpdated() {
    var r = state.report;
    if (r && r.generatedAt) { $("updated").textContent = "updated " + age(Date.now() - r.generatedAt) + " ago"; }
  }

  function poll() {
    var asked = state.node;
    fetch("/api/report" + nodeQuery(), { credentials: "same-origin", cache: "no-store" })
      .then(function (res) { if (!res.ok) { throw new Error("HTTP " + res.status); } return res.json(); })
      .then(function (r) { if (asked === state.node) { render(r); } if (state.mode !== "live") { setMode("poll"); } })
      .catch(function () { if (state.mode !== "live") { setMode("off"); } });
  }

  function startPolling() {
    if (state.pollTimer) { return; }
    poll();
    state.pollTimer = setInterval(poll, 3000);
  }

  function startStream() {
    if (!window.EventSource) { startPolling(); return; }
    var es = new EventSource("/api/stream" + nodeQuery());
    state.source = es;
    es.addEventListener("report", function (e) {
      if (state.source !== es) { return; }
      try { render(JSON.parse(e.data)); setMode("live"); } catch (err) { if (window.console) { console.warn("bad report event", err); } }
      if (state.pollTimer) { clearInterval(state.pollTimer); state.pollTimer = null; }
    });
    es.onerror = function () {
      if (es.readyState === EventSource.CLOSED) { setMode("poll"); startPolling(); }
      else if (state.mode === "live") { setMode("poll"); startPolling(); }
    };
  }

  $("node-select").addEventListener("change", function () { selectNode($("node-select").value); });
  $("peer-filter").addEventListener("input", function () { if (state.report) { renderPeers(state.report); } });
  setInterval(tickUpdated, 1000);
  poll();
  startStream();
})();
