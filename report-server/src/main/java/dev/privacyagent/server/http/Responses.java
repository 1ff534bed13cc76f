package dev.privacyagent.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Builds and sends responses. Error messages are fixed texts: request data is never echoed. */
public final class Responses {
  public static final String JSON = "application/json; charset=utf-8";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Responses() {}

  public static FullHttpResponse bytes(HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return r;
  }

  public static FullHttpResponse json(HttpResponseStatus status, byte[] body) {
    return bytes(status, JSON, body);
  }

  /** {@code {"error": message, "status": code}} with a message chosen by the server. */
  public static FullHttpResponse error(HttpResponseStatus status, String message) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("error", message);
    node.put("status", status.code());
    return json(status, node.toString().getBytes(StandardCharsets.UTF_8));
  }

  public static FullHttpResponse empty(HttpResponseStatus status) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    return r;
  }

  /** Writes the response, keeping the connection only when the request asked for it. */
  public static void send(ChannelHandlerContext ctx, HttpRequest req, FullHttpResponse resp) {
    boolean keepAlive = req != null && HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
    sendAndMaybeClose(ctx, resp, !keepAlive);
  }

  public static void sendAndClose(ChannelHandlerContext ctx, FullHttpResponse resp) {
    sendAndMaybeClose(ctx, resp, true);
  }

  private static void sendAndMaybeClose(
      ChannelHandlerContext ctx, FullHttpResponse resp, boolean close) {
    if (close) {
      resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    } else {
      resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(resp);
    }
  }
}
