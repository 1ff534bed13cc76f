package dev.privacyagent.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.server.render.EventJson;
import dev.privacyagent.server.render.Json;
import dev.privacyagent.server.render.RenderCache;
import dev.privacyagent.server.render.Rendered;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The endpoint table. Each endpoint is a few lines over the render cache. */
final class Endpoints {
  static final int DEFAULT_EVENT_LIMIT = 100;
  static final int MAX_EVENT_LIMIT = 1000;
  static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private Endpoints() {}

  static Map<String, Endpoint> table(RenderCache cache, PageAssets page, SseHub sse) {
    Map<String, Endpoint> m = new LinkedHashMap<>();
    m.put("/", get((ctx, req) -> Responses.bytes(HttpResponseStatus.OK,
        "text/html; charset=utf-8", page.html())));
    m.put("/api/report", get((ctx, req) -> forNode(cache, req, r -> report(r, req))));
    m.put("/api/peers", get((ctx, req) -> forNode(cache, req, r -> ok(r, Rendered::peers))));
    m.put("/api/proofs", get((ctx, req) -> forNode(cache, req, r -> ok(r, Rendered::proofs))));
    m.put("/api/nodes", get((ctx, req) -> nodes(cache)));
    m.put("/metrics", get((ctx, req) -> Responses.bytes(HttpResponseStatus.OK, METRICS_TYPE,
        cache.current().metrics())));
    m.put("/healthz", get((ctx, req) -> health(cache)));
    m.put("/api/events", get((ctx, req) -> events(cache, req)));
    m.put("/api/stream", get((ctx, req) -> sse.open(ctx, req)));
    m.put("/api/proofs/verify", post((ctx, req) -> verify(cache, req)));
    return m;
  }

  private interface Handler {
    FullHttpResponse handle(ChannelHandlerContext ctx, FullHttpRequest req);
  }

  private static Endpoint get(Handler h) {
    return endpoint(HttpMethod.GET, h);
  }

  private static Endpoint post(Handler h) {
    return endpoint(HttpMethod.POST, h);
  }

  private static Endpoint endpoint(HttpMethod method, Handler h) {
    return new Endpoint() {
      @Override
      public HttpMethod method() {
        return method;
      }

      @Override
      public FullHttpResponse handle(ChannelHandlerContext ctx, FullHttpRequest req) {
        return h.handle(ctx, req);
      }
    };
  }

  /**
   * {@code ?node=ID|NAME}: the rendering of that local node; without it, of all nodes together.
   * An unknown node is a 404 whose message does not echo the value.
   */
  private static FullHttpResponse forNode(RenderCache cache, FullHttpRequest req,
      Function<Rendered, FullHttpResponse> respond) {
    String node;
    try {
      node = NodeParam.of(req);
    } catch (IllegalArgumentException e) {
      return Responses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
    }
    if (node == null) {
      return respond.apply(cache.current());
    }
    Rendered r = cache.node(node);
    return r == null ? Responses.error(HttpResponseStatus.NOT_FOUND, "no such local node (see /api/nodes)")
        : respond.apply(r);
  }

  private static FullHttpResponse nodes(RenderCache cache) {
    Rendered r = cache.current();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("version", r.version());
    n.set("nodes", dev.privacyagent.server.render.DashboardJson.nodes(r.view()));
    return Responses.json(HttpResponseStatus.OK, Json.bytes(n));
  }

  private static FullHttpResponse ok(Rendered r, Function<Rendered, byte[]> part) {
    return Responses.json(HttpResponseStatus.OK, part.apply(r));
  }

  private static FullHttpResponse report(Rendered r, FullHttpRequest req) {
    String etag = r.etag();
    FullHttpResponse resp = etag.equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH))
        ? Responses.empty(HttpResponseStatus.NOT_MODIFIED)
        : Responses.json(HttpResponseStatus.OK, r.dashboard());
    resp.headers().set(HttpHeaderNames.ETAG, etag);
    resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    return resp;
  }

  private static FullHttpResponse health(RenderCache cache) {
    Rendered r = cache.current();
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("status", "ok");
    n.put("version", r.version());
    n.put("generatedAt", r.view().generatedWallMillis());
    return Responses.json(HttpResponseStatus.OK, Json.bytes(n));
  }

  private static FullHttpResponse events(RenderCache cache, FullHttpRequest req) {
    Map<String, List<String>> q = new QueryStringDecoder(req.uri()).parameters();
    long since;
    int limit;
    String node;
    try {
      since = QueryParams.longParam(q, "since", 0, 0, Long.MAX_VALUE);
      limit = (int) QueryParams.longParam(q, "limit", DEFAULT_EVENT_LIMIT, 1, MAX_EVENT_LIMIT);
      node = NodeParam.of(req);
    } catch (IllegalArgumentException e) {
      return Responses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
    }
    List<Event> events;
    long scanned = since;
    if (node == null) {
      events = cache.source().eventsSince(since, limit);
    } else {
      dev.privacyagent.server.source.ReportView.NodeView nv = cache.current().view().node(node);
      if (nv == null) {
        return Responses.error(HttpResponseStatus.NOT_FOUND, "no such local node (see /api/nodes)");
      }
      // one bounded page of all nodes' events, filtered: "next" moves past what was scanned
      List<Event> page = cache.source().eventsSince(since, MAX_EVENT_LIMIT);
      events = new java.util.ArrayList<>();
      for (Event e : page) {
        if (events.size() == limit) {
          break;
        }
        scanned = Math.max(scanned, e.seq());
        if (nv.node().equals(e.node())) {
          events.add(e);
        }
      }
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("since", since);
    n.put("limit", limit);
    ArrayNode a = n.putArray("events");
    long next = since;
    for (Event e : events.subList(0, Math.min(limit, events.size()))) {
      a.add(EventJson.of(e));
      next = Math.max(next, e.seq());
    }
    n.put("next", Math.max(next, scanned));
    return Responses.json(HttpResponseStatus.OK, Json.bytes(n));
  }

  private static FullHttpResponse verify(RenderCache cache, FullHttpRequest req) {
    String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return Responses.error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json");
    }
    JsonNode proof;
    try {
      proof = Json.MAPPER.readTree(req.content().toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Responses.error(HttpResponseStatus.BAD_REQUEST, "body is not valid JSON");
    }
    if (proof == null || !proof.isObject()) {
      return Responses.error(HttpResponseStatus.BAD_REQUEST, "body must be a JSON object");
    }
    dev.privacyagent.server.source.ProofCheck check;
    try {
      check = cache.source().verifyProof(proof);
    } catch (IllegalArgumentException e) {
      return Responses.error(HttpResponseStatus.BAD_REQUEST, "not a proof: " + e.getMessage());
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("valid", check.valid());
    n.put("reason", dev.privacyagent.server.render.Bounded.text(check.reason()));
    n.put("notice", dev.privacyagent.server.render.DashboardJson.MOCK_NOTICE);
    return Responses.json(HttpResponseStatus.OK, Json.bytes(n));
  }
}
