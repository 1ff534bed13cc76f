package dev.privacyagent.server.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * With a token configured, every request must prove it knows the token: an
 * {@code Authorization: Bearer} header, or the session cookie that the one-time link
 * {@code /?token=...} exchanges the token for. The cookie holds a random per-process session
 * secret, not the token, is HttpOnly and SameSite=Strict, and the redirect drops the token from
 * the address bar and history.
 */
@Sharable
final class TokenFilter extends RequestFilter {
  static final String COOKIE = "pa_session";
  private final byte[] token;
  private final String session;

  TokenFilter(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.session = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  @Override
  protected FullHttpResponse check(ChannelHandlerContext ctx, FullHttpRequest req) {
    String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (matches(auth.substring(7).trim(), token)) {
        return null;
      }
      return unauthorized();
    }
    if (hasSessionCookie(req)) {
      return null;
    }
    QueryStringDecoder q = new QueryStringDecoder(req.uri());
    List<String> link = q.parameters().get("token");
    if ("/".equals(q.path()) && HttpMethod.GET.equals(req.method()) && link != null && link.size() == 1
        && matches(link.get(0), token)) {
      FullHttpResponse r = Responses.empty(HttpResponseStatus.SEE_OTHER);
      r.headers().set(HttpHeaderNames.LOCATION, "/");
      r.headers().set(HttpHeaderNames.SET_COOKIE,
          COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict");
      return r;
    }
    return unauthorized();
  }

  private boolean hasSessionCookie(FullHttpRequest req) {
    String header = req.headers().get(HttpHeaderNames.COOKIE);
    if (header == null) {
      return false;
    }
    byte[] expected = session.getBytes(StandardCharsets.US_ASCII);
    for (Cookie c : ServerCookieDecoder.STRICT.decodeAll(header)) {
      if (COOKIE.equals(c.name()) && matches(c.value(), expected)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String given, byte[] expected) {
    // Constant time so that response timing does not reveal a prefix of the secret.
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected);
  }

  private static FullHttpResponse unauthorized() {
    FullHttpResponse r =
        Responses.error(HttpResponseStatus.UNAUTHORIZED, "token required");
    r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"privacy-agent\"");
    return r;
  }
}
