package dev.privacyagent.server.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/**
 * A request that a browser marks with a foreign Origin (a form post or fetch from another site)
 * is refused: the API is for this page and for non-browser clients, which send no Origin.
 */
@Sharable
final class OriginFilter extends RequestFilter {
  private final HostAllowlist allowlist;

  OriginFilter(HostAllowlist allowlist) {
    this.allowlist = allowlist;
  }

  @Override
  protected FullHttpResponse check(ChannelHandlerContext ctx, FullHttpRequest req) {
    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
    if (origin == null) {
      return null;
    }
    String o = origin.trim().toLowerCase(Locale.ROOT);
    if (o.startsWith("http://") && allowlist.allows(o.substring("http://".length()))) {
      return null;
    }
    return Responses.error(HttpResponseStatus.FORBIDDEN, "cross-origin request refused");
  }
}
