package dev.privacyagent.server.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/** Rejects requests whose Host header is missing, repeated or not in the allowlist. */
@Sharable
final class HostFilter extends RequestFilter {
  private final HostAllowlist allowlist;

  HostFilter(HostAllowlist allowlist) {
    this.allowlist = allowlist;
  }

  @Override
  protected FullHttpResponse check(ChannelHandlerContext ctx, FullHttpRequest req) {
    List<String> hosts = req.headers().getAll(HttpHeaderNames.HOST);
    if (hosts.size() != 1) {
      return Responses.error(HttpResponseStatus.BAD_REQUEST, "exactly one Host header required");
    }
    if (!allowlist.allows(hosts.get(0))) {
      return Responses.error(HttpResponseStatus.FORBIDDEN, "host not allowed");
    }
    return null;
  }
}
