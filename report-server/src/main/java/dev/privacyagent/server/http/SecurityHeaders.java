package dev.privacyagent.server.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Stamps every response, errors included, with the same defensive headers: a CSP that allows
 * only the page's own hashed inline script and style, no sniffing, no referrer, no framing, no
 * caching. No CORS header is ever sent, so other origins cannot read any response.
 */
@Sharable
public final class SecurityHeaders extends ChannelOutboundHandlerAdapter {
  private final String csp;

  public SecurityHeaders(String csp) {
    this.csp = csp;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse r) {
      stamp(r.headers());
    }
    ctx.write(msg, promise);
  }

  /** Sets the headers on {@code h}; also used for the connection cap's pre-encoded answer. */
  public void stamp(HttpHeaders h) {
    h.set("Content-Security-Policy", csp);
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set(HttpHeaderNames.X_FRAME_OPTIONS, "DENY");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Cross-Origin-Resource-Policy", "same-origin");
    if (!h.contains(HttpHeaderNames.CACHE_CONTROL)) {
      h.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    }
    h.remove(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN);
  }
}
