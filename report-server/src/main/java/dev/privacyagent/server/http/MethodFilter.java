package dev.privacyagent.server.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Only GET and POST exist on this server; anything else (TRACE, PUT, OPTIONS for CORS preflight,
 * made-up verbs) is refused before it reaches any endpoint.
 */
@Sharable
final class MethodFilter extends RequestFilter {
  static final String ALLOW = "GET, POST";

  @Override
  protected FullHttpResponse check(ChannelHandlerContext ctx, FullHttpRequest req) {
    HttpMethod m = req.method();
    if (HttpMethod.GET.equals(m) || HttpMethod.POST.equals(m)) {
      return null;
    }
    FullHttpResponse r =
        Responses.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
    r.headers().set(HttpHeaderNames.ALLOW, ALLOW);
    return r;
  }
}
