package dev.privacyagent.server.http;

import dev.privacyagent.server.render.RenderCache;
import dev.privacyagent.server.render.Rendered;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Server-Sent Events for {@code /api/stream}: each subscriber gets the current report at once
 * and every new version after that as an {@code event: report}. A subscriber that cannot keep up
 * (socket not writable) skips versions instead of buffering them.
 */
public final class SseHub {
  static final long POLL_MILLIS = 500;
  static final long HEARTBEAT_MILLIS = 15_000;
  private final RenderCache cache;
  private final ChannelGroup subscribers;
  private final EventExecutor executor;
  private volatile long lastVersion = Long.MIN_VALUE;
  private long lastWriteMillis;
  private ScheduledFuture<?> task;

  public SseHub(RenderCache cache, EventExecutor executor) {
    this.cache = cache;
    this.executor = executor;
    this.subscribers = new DefaultChannelGroup("sse", executor);
  }

  public void start() {
    task = executor.scheduleWithFixedDelay(this::tick, POLL_MILLIS, POLL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  public void stop() {
    if (task != null) {
      task.cancel(false);
    }
    subscribers.close();
  }

  public int subscribers() {
    return subscribers.size();
  }

  /** The local node a subscriber follows ({@code ?node=}); absent for all nodes together. */
  private static final io.netty.util.AttributeKey<String> NODE = io.netty.util.AttributeKey.valueOf("pa-sse-node");

  FullHttpResponse open(ChannelHandlerContext ctx, FullHttpRequest req) {
    String node;
    try {
      node = NodeParam.of(req);
    } catch (IllegalArgumentException e) {
      return Responses.error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
    }
    Rendered r = node == null ? cache.current() : cache.node(node);
    if (r == null) {
      return Responses.error(HttpResponseStatus.NOT_FOUND, "no such local node (see /api/nodes)");
    }
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    Channel ch = ctx.channel();
    ch.attr(NODE).set(node);
    ch.write(head);
    ch.writeAndFlush(chunk("retry: 3000\n\n" + reportEvent(r)));
    subscribers.add(ch);
    return null;
  }

  private void tick() {
    try {
      if (subscribers.isEmpty()) {
        return;
      }
      Rendered r = cache.current();
      long now = System.currentTimeMillis();
      if (r.version() != lastVersion) {
        lastVersion = r.version();
        broadcast(r);
        lastWriteMillis = now;
      } else if (now - lastWriteMillis >= HEARTBEAT_MILLIS) {
        broadcast(": keep-alive\n\n");
        lastWriteMillis = now;
      }
    } catch (RuntimeException e) {
      dev.privacyagent.server.log.ServerLog.warnOnce("sse:" + e.getClass().getName(),
          "SSE update failed: " + dev.privacyagent.server.log.ServerLog.describe(e));
    }
  }

  /** Each subscriber gets the new version of what it follows: all nodes, or its node. */
  private void broadcast(Rendered all) {
    java.util.Map<String, byte[]> byNode = new java.util.HashMap<>();
    for (Channel ch : subscribers) {
      if (!ch.isWritable()) {
        continue;
      }
      String node = ch.attr(NODE).get();
      byte[] bytes = byNode.computeIfAbsent(node == null ? "" : node, k -> {
        Rendered r = k.isEmpty() ? all : cache.node(k);
        return r == null ? new byte[0] : reportEvent(r).getBytes(StandardCharsets.UTF_8);
      });
      if (bytes.length > 0) {
        ch.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
      }
    }
  }

  private void broadcast(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (Channel ch : subscribers) {
      if (ch.isWritable()) {
        ch.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
      }
    }
  }

  private static String reportEvent(Rendered r) {
    // Compact JSON holds no raw newline, so one data line carries the whole report.
    return "event: report\nid: " + r.version() + "\ndata: "
        + new String(r.dashboard(), StandardCharsets.UTF_8) + "\n\n";
  }

  private static DefaultHttpContent chunk(String text) {
    ByteBuf b = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    return new DefaultHttpContent(b);
  }
}
