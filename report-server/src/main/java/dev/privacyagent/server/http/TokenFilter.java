package dev.privacyagent.server.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * With a token configured, every request must prove it knows the token: an
 * {@code Authorization: Bearer} header, or the session cookie ({@link BrowserSession}) that the
 * one-time link {@code /?token=...} exchanges the token for. The redirect drops the token from
 * the address bar, and the link works only once per start.
 */
@Sharable
final class TokenFilter extends RequestFilter {
  private final byte[] token;
  private final BrowserSession session;

  TokenFilter(String token, int port) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.session = new BrowserSession(port);
  }

  @Override
  protected FullHttpResponse check(ChannelHandlerContext ctx, FullHttpRequest req) {
    String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (matches(auth.substring(7).trim(), token)) {
        return null;
      }
      return unauthorized("token required");
    }
    if (session.hasCookie(req)) {
      if (BrowserSession.sameOrigin(req)) {
        return null;
      }
      return Responses.error(HttpResponseStatus.FORBIDDEN, "cross-origin request refused");
    }
    QueryStringDecoder q = new QueryStringDecoder(req.uri());
    List<String> link = q.parameters().get("token");
    if ("/".equals(q.path()) && HttpMethod.GET.equals(req.method()) && link != null && link.size() == 1
        && matches(link.get(0), token)) {
      if (!session.useLink()) {
        return unauthorized("one-time link already used: restart the server for a new one, or send"
            + " Authorization: Bearer");
      }
      FullHttpResponse r = Responses.empty(HttpResponseStatus.SEE_OTHER);
      r.headers().set(HttpHeaderNames.LOCATION, "/");
      r.headers().set(HttpHeaderNames.SET_COOKIE, session.setCookieHeader());
      return r;
    }
    return unauthorized("token required");
  }

  private static boolean matches(String given, byte[] expected) {
    // Constant time so that response timing does not reveal a prefix of the secret.
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected);
  }

  private static FullHttpResponse unauthorized(String message) {
    FullHttpResponse r = Responses.error(HttpResponseStatus.UNAUTHORIZED, message);
    r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"privacy-agent\"");
    return r;
  }
}
