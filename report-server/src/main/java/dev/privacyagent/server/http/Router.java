package dev.privacyagent.server.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import dev.privacyagent.server.log.ServerLog;

/** Last in the pipeline: finds the endpoint for the path and method and sends its answer. */
@Sharable
final class Router extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final Map<String, Endpoint> endpoints;

  Router(Map<String, Endpoint> endpoints) {
    this.endpoints = Map.copyOf(endpoints);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    String path = new QueryStringDecoder(req.uri()).path();
    Endpoint e = endpoints.get(path);
    FullHttpResponse resp;
    if (e == null) {
      resp = Responses.error(HttpResponseStatus.NOT_FOUND, "not found");
    } else if (!e.method().equals(req.method())) {
      resp = Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
      resp.headers().set(HttpHeaderNames.ALLOW, e.method().name());
    } else {
      try {
        resp = e.handle(ctx, req);
      } catch (RuntimeException ex) {
        // path is a key of the endpoint table here, not request data.
        ServerLog.warnOnce("endpoint:" + path + ":" + ex.getClass().getName(),
            "endpoint " + path + " failed: " + ServerLog.describe(ex));
        resp = Responses.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
      }
      if (resp == null) {
        return;
      }
    }
    Responses.send(ctx, req, resp);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Connection resets are routine for a local dashboard; anything else is worth a line.
    if (!(cause instanceof java.io.IOException)) {
      ServerLog.warnOnce("connection:" + cause.getClass().getName(),
          "connection closed after an error: " + cause.getClass().getSimpleName());
    }
    ctx.close();
  }
}
