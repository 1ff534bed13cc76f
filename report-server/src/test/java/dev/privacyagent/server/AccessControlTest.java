package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Host allowlist, Origin, token, bind policy and the connection cap. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AccessControlTest {
  static final String TOKEN = "s3cret-token-0123456789";

  static ReportServer start(ServerConfig config) {
    return ReportServer.start(config, new TestSource(Fixtures.view(1)));
  }

  static RawHttp.Response get(int port, String host, String path, String... headers)
      throws Exception {
    StringBuilder b = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
    if (host != null) {
      b.append("Host: ").append(host).append("\r\n");
    }
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    return RawHttp.exchange(port, b.append("\r\n").toString());
  }

  @Test
  void hostHeaderMustBeAllowlisted() throws Exception {
    try (ReportServer s = start(ServerConfig.of("127.0.0.1", 0, null)
        .withAllowedHosts(List.of("dash.internal")))) {
      int p = s.port();
      assertThat(get(p, "127.0.0.1:" + p, "/healthz").status()).isEqualTo(200);
      assertThat(get(p, "localhost:" + p, "/healthz").status()).isEqualTo(200);
      assertThat(get(p, "LOCALHOST:" + p, "/healthz").status()).isEqualTo(200);
      assertThat(get(p, "[::1]:" + p, "/healthz").status()).isEqualTo(200);
      assertThat(get(p, "dash.internal:" + p, "/healthz").status()).isEqualTo(200);
      // DNS rebinding: the attacker's name resolves to 127.0.0.1 but the Host header says so.
      RawHttp.Response evil = get(p, "attacker.example:" + p, "/api/report");
      assertThat(evil.status()).isEqualTo(403);
      assertThat(evil.body()).doesNotContain("attacker").doesNotContain("riskScore");
      assertThat(get(p, "127.0.0.1:" + (p + 1), "/healthz").status()).isEqualTo(403);
      assertThat(get(p, "127.0.0.1", "/healthz").status()).isEqualTo(403);
      assertThat(get(p, null, "/healthz").status()).isEqualTo(400);
      assertThat(get(p, "127.0.0.1:" + p, "/healthz", "Host: other:1").status()).isEqualTo(400);
    }
  }

  @Test
  void foreignOriginIsRefused() throws Exception {
    try (ReportServer s = start(ServerConfig.of("127.0.0.1", 0, null))) {
      int p = s.port();
      assertThat(get(p, "127.0.0.1:" + p, "/api/report", "Origin: http://127.0.0.1:" + p)
          .status()).isEqualTo(200);
      RawHttp.Response r = get(p, "127.0.0.1:" + p, "/api/report", "Origin: https://evil.example");
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.header("access-control-allow-origin")).isNull();
      assertThat(get(p, "127.0.0.1:" + p, "/api/report", "Origin: null").status()).isEqualTo(403);
    }
  }

  @Test
  void tokenIsRequiredOnEveryRequest() throws Exception {
    try (ReportServer s = start(ServerConfig.of("127.0.0.1", 0, TOKEN))) {
      int p = s.port();
      String host = "127.0.0.1:" + p;
      for (String path : new String[] {"/", "/api/report", "/metrics", "/healthz", "/api/stream"}) {
        RawHttp.Response r = get(p, host, path);
        assertThat(r.status()).as(path).isEqualTo(401);
        assertThat(r.header("www-authenticate")).startsWith("Bearer");
      }
      assertThat(get(p, host, "/api/report", "Authorization: Bearer wrong-token-0000000000")
          .status()).isEqualTo(401);
      assertThat(get(p, host, "/api/report", "Authorization: Bearer " + TOKEN).status())
          .isEqualTo(200);
      assertThat(get(p, host, "/api/report?token=" + TOKEN).status()).isEqualTo(401);
      assertThat(get(p, host, "/?token=nope").status()).isEqualTo(401);
    }
  }

  @Test
  void oneTimeLinkSetsStrictHttpOnlyCookieAndRedirects() throws Exception {
    try (ReportServer s = start(ServerConfig.of("127.0.0.1", 0, TOKEN))) {
      int p = s.port();
      String host = "127.0.0.1:" + p;
      RawHttp.Response link = get(p, host, "/?token=" + TOKEN);
      assertThat(link.status()).isEqualTo(303);
      assertThat(link.header("location")).isEqualTo("/");
      String cookie = link.header("set-cookie");
      assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
          .doesNotContain(TOKEN);
      String pair = cookie.substring(0, cookie.indexOf(';'));
      assertThat(get(p, host, "/", "Cookie: " + pair).status()).isEqualTo(200);
      assertThat(get(p, host, "/api/report", "Cookie: " + pair).status()).isEqualTo(200);
      assertThat(get(p, host, "/api/report", "Cookie: pa_session_" + p + "=forged").status())
          .isEqualTo(401);
    }
  }

  static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** Opens the one-time link and returns the session cookie as {@code name=value}. */
  static String login(int port) throws Exception {
    RawHttp.Response link = get(port, "127.0.0.1:" + port, "/?token=" + TOKEN);
    assertThat(link.status()).isEqualTo(303);
    String cookie = link.header("set-cookie");
    return cookie.substring(0, cookie.indexOf(';'));
  }

  @Test
  void theOneTimeLinkWorksOnce() throws Exception {
    try (ReportServer s = start(ServerConfig.of("127.0.0.1", 0, TOKEN))) {
      int p = s.port();
      String host = "127.0.0.1:" + p;
      String pair = login(p);
      RawHttp.Response again = get(p, host, "/?token=" + TOKEN);
      assertThat(again.status()).isEqualTo(401);
      assertThat(again.header("set-cookie")).isNull();
      assertThat(again.body()).contains("one-time link already used");
      // The session it gave out and the token itself keep working.
      assertThat(get(p, host, "/api/report", "Cookie: " + pair).status()).isEqualTo(200);
      assertThat(get(p, host, "/api/report", "Authorization: Bearer " + TOKEN).status())
          .isEqualTo(200);
    }
  }

  @Test
  void theSessionCookieIsUselessFromAnotherOriginOrForAnotherServer() throws Exception {
    try (ReportServer a = start(ServerConfig.of("127.0.0.1", 0, TOKEN));
        ReportServer b = start(ServerConfig.of("127.0.0.1", 0, TOKEN))) {
      int p = a.port();
      String host = "127.0.0.1:" + p;
      String pair = login(p);
      assertThat(pair).startsWith("pa_session_" + p + "=");
      String cookie = "Cookie: " + pair;
      // What a browser sends for this page's own requests, and for an address typed in.
      assertThat(get(p, host, "/api/report", cookie, "Sec-Fetch-Site: same-origin").status())
          .isEqualTo(200);
      assertThat(get(p, host, "/", cookie, "Sec-Fetch-Site: none").status()).isEqualTo(200);
      assertThat(get(p, host, "/api/stream", cookie, "Sec-Fetch-Site: same-origin").status())
          .isEqualTo(200);
      // A page on another port of this host is same-site, not same-origin: the browser attaches
      // the cookie (cookies ignore ports), the server does not take it.
      for (String site : new String[] {"same-site", "cross-site", "SAME-SITE"}) {
        RawHttp.Response r = get(p, host, "/api/report", cookie, "Sec-Fetch-Site: " + site);
        assertThat(r.status()).as(site).isEqualTo(403);
        assertThat(r.body()).doesNotContain("riskScore");
      }
      assertThat(get(p, host, "/api/report", cookie,
          "Origin: http://127.0.0.1:" + b.port(), "Sec-Fetch-Site: same-site").status())
          .isEqualTo(403);
      assertThat(get(p, host, "/metrics", cookie, "Sec-Fetch-Site: same-site").status())
          .isEqualTo(403);
      // A link from another local page opens the page (it holds no data and cannot be framed),
      // but a navigation straight to the data does not.
      String[] navigate = {"Sec-Fetch-Site: same-site", "Sec-Fetch-Mode: navigate",
          "Sec-Fetch-Dest: document"};
      assertThat(get(p, host, "/", concat(cookie, navigate)).status()).isEqualTo(200);
      assertThat(get(p, host, "/api/report", concat(cookie, navigate)).status()).isEqualTo(403);
      assertThat(get(p, host, "/", cookie, "Sec-Fetch-Site: same-site", "Sec-Fetch-Mode: no-cors",
          "Sec-Fetch-Dest: image").status()).isEqualTo(403);
      // Server b (another port, another start) neither knows the name nor the value.
      int q = b.port();
      String other = "127.0.0.1:" + q;
      assertThat(get(q, other, "/api/report", cookie).status()).isEqualTo(401);
      assertThat(get(q, other, "/api/report",
          "Cookie: pa_session_" + q + "=" + pair.substring(pair.indexOf('=') + 1)).status())
          .isEqualTo(401);
      // Bearer clients are not browsers: their header is never attached by another origin.
      assertThat(get(p, host, "/api/report", "Authorization: Bearer " + TOKEN,
          "Sec-Fetch-Site: same-site").status()).isEqualTo(200);
    }
  }

  @Test
  void bindPolicy() {
    assertThatThrownBy(() -> start(ServerConfig.of("0.0.0.0", 0, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing to bind non-loopback address")
        .hasMessageContaining("--token");
    assertThatThrownBy(() -> ServerConfig.of("127.0.0.1", 0, "short"))
        .hasMessageContaining("at least 16");
    assertThatThrownBy(() -> ServerConfig.of("127.0.0.1", 70000, null))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> start(ServerConfig.of("evil.example", 0, null)))
        .hasMessageContaining("IP literal");
    assertThat(ServerConfig.of("0.0.0.0", 0, TOKEN).toString()).doesNotContain(TOKEN);
  }

  @Test
  void nonLoopbackBindWorksWithTokenAndAllowsItsOwnAddress() throws Exception {
    try (ReportServer s = start(ServerConfig.of("0.0.0.0", 0, TOKEN))) {
      int p = s.port();
      assertThat(get(p, "127.0.0.1:" + p, "/healthz", "Authorization: Bearer " + TOKEN).status())
          .isEqualTo(200);
      assertThat(get(p, "127.0.0.1:" + p, "/healthz").status()).isEqualTo(401);
    }
  }

  @Test
  void ipv6LoopbackBindLogsABracketedUrlThatPassesTheHostCheck() throws Exception {
    try (ReportServer s = start(ServerConfig.of("::1", 0, null))) {
      assertThat(s.url().toString()).isEqualTo("http://[::1]:" + s.port() + "/");
      assertThat(s.allowlist().allows("[::1]:" + s.port())).isTrue();
    } catch (IllegalStateException noIpv6) {
      // A machine without IPv6 loopback cannot bind ::1; the URL logic is then moot.
      assertThat(noIpv6.getMessage()).contains("cannot listen");
    }
  }

  @Test
  void connectionsBeyondTheCapGet503() throws Exception {
    try (ReportServer s = start(ServerConfig.of("127.0.0.1", 0, null).withMaxConnections(3))) {
      int p = s.port();
      List<RawHttp> held = new ArrayList<>();
      try {
        // Streams are busy connections: unlike idle ones they keep their slot.
        for (int i = 0; i < 3; i++) {
          RawHttp c = new RawHttp(p);
          held.add(c);
          c.send(RawHttp.get(p, "/api/stream"));
          assertThat(c.read().status()).isEqualTo(200);
        }
        RawHttp.Response busy = RawHttp.exchange(p, RawHttp.get(p, "/healthz"));
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.body()).isEqualTo("{\"error\":\"too many connections\",\"status\":503}");
        assertThat(busy.header("retry-after")).isEqualTo("1");
        MalformedRequestTest.assertSecurityHeaders(busy);
      } finally {
        for (RawHttp c : held) {
          c.close();
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (s.openConnections() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(RawHttp.exchange(p, RawHttp.get(p, "/healthz")).status()).isEqualTo(200);
    }
  }
}
