package dev.privacyagent.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Body aggregation with the size limit, answering an oversized body (and a refused
 * {@code Expect}) with the same JSON error body as every other error; Netty's own answers have
 * an empty body.
 */
final class BodyLimit extends HttpObjectAggregator {

  BodyLimit(int maxBytes) {
    super(maxBytes, true);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    FullHttpResponse r =
        Responses.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "request body too large");
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  protected Object newContinueResponse(HttpMessage start, int maxContentLength,
      ChannelPipeline pipeline) {
    Object netty = super.newContinueResponse(start, maxContentLength, pipeline);
    if (netty instanceof FullHttpResponse r && r.status().code() >= 400) {
      HttpResponseStatus status = r.status();
      ReferenceCountUtil.release(r);
      return Responses.error(status, status.code() == 413
          ? "request body too large" : "expectation not supported");
    }
    return netty;
  }
}
