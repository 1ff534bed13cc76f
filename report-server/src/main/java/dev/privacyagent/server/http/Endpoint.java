package dev.privacyagent.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;

/** One path of the API. */
interface Endpoint {
  HttpMethod method();

  /** The response to send, or null when the endpoint took over the channel (streaming). */
  FullHttpResponse handle(ChannelHandlerContext ctx, FullHttpRequest req);
}
