package dev.privacyagent.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The browser's session after the one-time link. Browsers do not scope cookies by port, so every
 * other server on this host sees the cookie: it is named after this server's port and holds a
 * secret drawn at start-up (never the token), and it only counts on a request the browser marks
 * as coming from this very origin ({@code Sec-Fetch-Site} {@code same-origin} or {@code none}
 * for typed addresses, and no foreign {@code Origin}). A page on {@code 127.0.0.1:<other port>}
 * is "same-site", not same-origin, so the browser's own requests from it do not get in; only a
 * top-level navigation to the page itself does. The link works once per start.
 */
final class BrowserSession {
  private final String cookieName;
  private final byte[] secret;
  private final AtomicBoolean linkUsed = new AtomicBoolean();

  BrowserSession(int port) {
    this.cookieName = "pa_session_" + port;
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Claims the one-time link; true only the first time. */
  boolean useLink() {
    return linkUsed.compareAndSet(false, true);
  }

  String setCookieHeader() {
    return cookieName + "=" + new String(secret, StandardCharsets.US_ASCII)
        + "; Path=/; HttpOnly; SameSite=Strict";
  }

  String cookieName() {
    return cookieName;
  }

  /** Whether the request carries this server's session cookie (whatever its origin). */
  boolean hasCookie(FullHttpRequest req) {
    String header = req.headers().get(HttpHeaderNames.COOKIE);
    if (header == null) {
      return false;
    }
    for (Cookie c : ServerCookieDecoder.STRICT.decodeAll(header)) {
      // Constant time so that response timing does not reveal a prefix of the secret.
      if (cookieName.equals(c.name())
          && MessageDigest.isEqual(c.value().getBytes(StandardCharsets.UTF_8), secret)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the browser says the request comes from this origin. A missing header is a
   * non-browser client or a browser too old to send it; {@link OriginFilter} has already refused
   * any foreign {@code Origin}.
   */
  static boolean sameOrigin(FullHttpRequest req) {
    String site = req.headers().get("Sec-Fetch-Site");
    if (site == null) {
      return true;
    }
    String s = site.trim().toLowerCase(Locale.ROOT);
    return s.equals("same-origin") || s.equals("none") || pageNavigation(req);
  }

  /**
   * A top-level navigation to the page itself, e.g. a link from a dashboard on another port. The
   * page holds no report data (its script fetches that, same-origin) and cannot be framed, so the
   * linking origin learns nothing. Browsers set these headers; page scripts cannot.
   */
  private static boolean pageNavigation(FullHttpRequest req) {
    return HttpMethod.GET.equals(req.method())
        && "/".equals(new QueryStringDecoder(req.uri()).path())
        && "navigate".equalsIgnoreCase(req.headers().get("Sec-Fetch-Mode"))
        && "document".equalsIgnoreCase(req.headers().get("Sec-Fetch-Dest"));
  }
}
