package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.server.log.ServerLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Broken, oversized and hostile requests over raw sockets: clear status, no echo, no hang. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedRequestTest {
  static ReportServer server;
  static int port;

  @BeforeAll
  static void start() {
    server = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null),
        new TestSource(Fixtures.view(1)));
    port = server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void oversizedBodyGets413WithTheErrorBodyAndSecurityHeaders() throws Exception {
    String body = "{\"x\":\"" + "a".repeat(20_000) + "\"}";
    RawHttp.Response r = RawHttp.exchange(port, "POST /api/proofs/verify HTTP/1.1\r\nHost: 127.0.0.1:"
        + port + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
        + "\r\n\r\n" + body);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body()).isEqualTo("{\"error\":\"request body too large\",\"status\":413}");
    assertSecurityHeaders(r);
  }

  @Test
  void oversizedBodyAnnouncedWithExpectContinueGets413WithTheErrorBody() throws Exception {
    RawHttp.Response r = RawHttp.exchange(port, "POST /api/proofs/verify HTTP/1.1\r\nHost: 127.0.0.1:"
        + port + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n"
        + "Expect: 100-continue\r\n\r\n");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body()).isEqualTo("{\"error\":\"request body too large\",\"status\":413}");
    assertSecurityHeaders(r);
  }

  /** Every target a browser's {@code <img src>} could send with a broken percent-encoding. */
  @Test
  void badPercentEncodingIs400WithTheErrorBodyAndNothingInTheApplicationsLog() throws Exception {
    List<String> serverLog = new CopyOnWriteArrayList<>();
    List<LogRecord> jul = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        jul.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger root = Logger.getLogger("");
    Logger netty = Logger.getLogger("io.netty");
    Logger ours = Logger.getLogger("dev.privacyagent");
    Level nettyLevel = netty.getLevel();
    Level oursLevel = ours.getLevel();
    root.addHandler(capture);
    netty.setLevel(Level.ALL);
    ours.setLevel(Level.ALL);
    ServerLog.setSink(serverLog::add);
    try {
      for (String target : List.of("/api/events?since=%zz", "/api/events?%zz=1", "/%zz", "/%",
          "/api/events?since=1%", "/api/%", "/api/events?since=%2")) {
        RawHttp.Response r = RawHttp.exchange(port, RawHttp.get(port, target));
        assertThat(r.status()).as(target).isEqualTo(400);
        assertThat(r.body()).as(target)
            .isEqualTo("{\"error\":\"malformed percent-encoding\",\"status\":400}");
        assertSecurityHeaders(r);
      }
      assertThat(RawHttp.exchange(port, RawHttp.get(port, "/healthz")).status()).isEqualTo(200);
    } finally {
      ServerLog.setSink(null);
      root.removeHandler(capture);
      netty.setLevel(nettyLevel);
      ours.setLevel(oursLevel);
    }
    assertThat(jul).extracting(LogRecord::getLoggerName)
        .noneMatch(n -> n.startsWith("io.netty") || n.startsWith("dev.privacyagent"));
    assertThat(serverLog).isEmpty();
  }

  static void assertSecurityHeaders(RawHttp.Response r) {
    assertThat(r.header("content-type")).startsWith("application/json");
    assertThat(r.header("content-security-policy")).startsWith("default-src 'none'");
    assertThat(r.header("x-content-type-options")).isEqualTo("nosniff");
    assertThat(r.header("x-frame-options")).isEqualTo("DENY");
    assertThat(r.header("referrer-policy")).isEqualTo("no-referrer");
    assertThat(r.header("cache-control")).isEqualTo("no-store");
  }

  @Test
  void oversizedHeadersGet431() throws Exception {
    RawHttp.Response r = RawHttp.exchange(port,
        RawHttp.get(port, "/api/report", "X-Big: " + "b".repeat(10_000)));
    assertThat(r.status()).isEqualTo(431);
    assertThat(r.body()).doesNotContain("bbbb");
  }

  @Test
  void overlongRequestLineGets414() throws Exception {
    RawHttp.Response r = RawHttp.exchange(port,
        RawHttp.get(port, "/api/events?since=" + "1".repeat(5_000)));
    assertThat(r.status()).isEqualTo(414);
  }

  @Test
  void garbageGets400AndClose() throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      c.send("HELLO <script>alert(1)</script>\r\n\r\n");
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).doesNotContain("<script>").contains("\"error\"");
      assertThat(r.header("connection")).isEqualToIgnoringCase("close");
    }
  }

  @Test
  void absoluteFormTargetGets400() throws Exception {
    RawHttp.Response r = RawHttp.exchange(port, "GET http://evil.example/api/report HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n\r\n");
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void unknownMethodGets405WithoutReachingEndpoints() throws Exception {
    RawHttp.Response r = RawHttp.exchange(port, "FROB /api/report HTTP/1.1\r\nHost: 127.0.0.1:"
        + port + "\r\n\r\n");
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("allow")).isEqualTo("GET, POST");
  }

  @Test
  void nonUtf8AndControlBytesDoNotCrashTheServer() throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      byte[] junk = new byte[600];
      for (int i = 0; i < junk.length; i++) {
        junk[i] = (byte) (i * 37);
      }
      c.send(junk);
      c.send("\r\n\r\n");
      assertThat(c.read().status()).isBetween(400, 499);
    } catch (java.io.IOException closedEarly) {
      // Closing a connection that sent binary garbage is an acceptable answer too.
    }
    assertThat(RawHttp.exchange(port, RawHttp.get(port, "/healthz")).status()).isEqualTo(200);
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
    try (RawHttp c = new RawHttp(port)) {
      for (int i = 0; i < 5; i++) {
        c.send(RawHttp.get(port, "/healthz"));
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"ok\"");
      }
    }
  }
}
