package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every endpoint over real HTTP on an ephemeral loopback port. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndpointsTest {
  static TestSource source;
  static ReportServer server;
  static HttpClient http;

  @BeforeAll
  static void start() {
    source = new TestSource(Fixtures.view(1));
    server = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null), source);
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.url().resolve(path)).GET()
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String path, String type, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.url().resolve(path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    return Fixtures.MAPPER.readTree(r.body());
  }

  @Test
  void serverLogsLoopbackUrlWithChosenPort() {
    assertThat(server.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
    assertThat(server.port()).isPositive().isNotEqualTo(ServerConfig.DEFAULT_PORT);
  }

  @Test
  void pageIsSelfContainedWithStrictCsp() throws Exception {
    HttpResponse<String> r = get("/");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    String csp = r.headers().firstValue("content-security-policy").orElseThrow();
    assertThat(csp).contains("default-src 'none'").contains("connect-src 'self'")
        .contains("img-src data:").containsPattern("script-src 'sha256-[A-Za-z0-9+/=]+'")
        .containsPattern("style-src 'sha256-[A-Za-z0-9+/=]+'").doesNotContain("unsafe");
    assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("referrer-policy")).hasValue("no-referrer");
    assertThat(r.headers().firstValue("access-control-allow-origin")).isEmpty();
    assertThat(r.body()).contains("<script>").contains("MOCK: no cryptographic guarantee")
        .doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("https://")
        .doesNotContain("innerHTML").doesNotContain("insertAdjacentHTML").doesNotContain("eval(")
        .doesNotContain("document.write")
        .doesNotContain("style=\"");
  }

  @Test
  void reportCarriesFindingsPeersAndEtag() throws Exception {
    HttpResponse<String> r = get("/api/report");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = json(r);
    assertThat(j.get("version").asLong()).isEqualTo(1);
    assertThat(j.get("riskScore").asDouble()).isEqualTo(0.62);
    assertThat(j.get("findings")).hasSize(2);
    assertThat(j.at("/findings/0/recommendation").asText()).contains("Filter private");
    assertThat(j.at("/peers/total").asInt()).isEqualTo(3);
    assertThat(j.at("/connections/open").asInt()).isEqualTo(2);
    assertThat(j.at("/counters/accepted").asLong()).isEqualTo(1234);
    assertThat(j.at("/proofs/notice").asText()).isEqualTo("MOCK: no cryptographic guarantee");
    assertThat(j.at("/report/schemaVersion").asInt()).isEqualTo(1);
    // The hostile agent string is data in JSON, exactly as received.
    assertThat(r.body()).contains("window.pwned=1");
    String etag = r.headers().firstValue("etag").orElseThrow();
    HttpResponse<String> again = http.send(HttpRequest.newBuilder(server.url().resolve("/api/report"))
        .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void eventsPageBySeq() throws Exception {
    JsonNode all = json(get("/api/events"));
    assertThat(all.get("events")).hasSize(4);
    assertThat(all.at("/events/0/type").asText()).isEqualTo("ConnectionOpened");
    assertThat(all.get("next").asLong()).isEqualTo(4);
    JsonNode page = json(get("/api/events?since=1&limit=2"));
    assertThat(page.get("events")).hasSize(2);
    assertThat(page.at("/events/0/seq").asLong()).isEqualTo(2);
    assertThat(page.at("/events/0/agentVersion").asText()).isEqualTo("go-ipfs/0.9.0");
    assertThat(page.get("next").asLong()).isEqualTo(3);
    assertThat(json(get("/api/events?since=4")).get("events")).isEmpty();
  }

  @Test
  void badEventParamsGet400WithJsonError() throws Exception {
    for (String q : new String[] {"since=-1", "since=abc", "limit=0", "limit=5000",
        "since=1&since=2", "limit=99999999999999999999", "since=%3Cscript%3E"}) {
      HttpResponse<String> r = get("/api/events?" + q);
      assertThat(r.statusCode()).as(q).isEqualTo(400);
      JsonNode j = json(r);
      assertThat(j.get("status").asInt()).isEqualTo(400);
      assertThat(j.get("error").asText()).as(q).matches("(since|limit) must .*")
          .doesNotContain("<script>").doesNotContain("abc");
    }
  }

  @Test
  void peersAndProofs() throws Exception {
    JsonNode peers = json(get("/api/peers"));
    assertThat(peers.get("total").asInt()).isEqualTo(3);
    assertThat(peers.get("peers")).hasSize(3);
    assertThat(peers.findValuesAsText("agentVersion")).contains(Fixtures.XSS_AGENT);
    JsonNode proofs = json(get("/api/proofs"));
    assertThat(proofs.get("mock").asBoolean()).isTrue();
    assertThat(proofs.get("notice").asText()).isEqualTo("MOCK: no cryptographic guarantee");
    assertThat(proofs.at("/proofs/0/statement").asText()).isEqualTo("RISK_SCORE_AT_MOST");
  }

  @Test
  void verifyProof() throws Exception {
    String proof = json(get("/api/proofs")).at("/proofs/0").toString();
    JsonNode ok = json(post("/api/proofs/verify", "application/json", proof));
    assertThat(ok.get("valid").asBoolean()).isTrue();
    String forged = proof.replace("abc123", "abc124");
    JsonNode bad = json(post("/api/proofs/verify", "application/json", forged));
    assertThat(bad.get("valid").asBoolean()).isFalse();
    assertThat(post("/api/proofs/verify", "application/json", "{not json").statusCode())
        .isEqualTo(400);
    assertThat(post("/api/proofs/verify", "application/json", "[1,2]").statusCode())
        .isEqualTo(400);
    assertThat(post("/api/proofs/verify", "application/json", "{}").statusCode())
        .isEqualTo(400);
    assertThat(post("/api/proofs/verify", "text/plain", proof).statusCode()).isEqualTo(415);
  }

  @Test
  void healthAndMetrics() throws Exception {
    JsonNode h = json(get("/healthz"));
    assertThat(h.get("status").asText()).isEqualTo("ok");
    HttpResponse<String> m = get("/metrics");
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.headers().firstValue("content-type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(m.body()).contains("libp2p_privacy_risk_score 0.62");
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(get("/api/report/").statusCode()).isEqualTo(404);
    HttpResponse<String> r = post("/api/report", "application/json", "{}");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("allow")).hasValue("GET");
    HttpResponse<String> v = get("/api/proofs/verify");
    assertThat(v.statusCode()).isEqualTo(405);
    assertThat(v.headers().firstValue("allow")).hasValue("POST");
    for (String method : new String[] {"PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW"}) {
      HttpResponse<String> x = http.send(HttpRequest.newBuilder(server.url().resolve("/api/report"))
          .method(method, HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(x.statusCode()).as(method).isEqualTo(405);
      assertThat(x.headers().firstValue("allow")).as(method).hasValue("GET, POST");
      assertThat(x.headers().firstValue("access-control-allow-origin")).isEmpty();
    }
  }

  @Test
  void everyResponseHasSecurityHeadersEvenErrors() throws Exception {
    for (String path : new String[] {"/", "/api/report", "/nope", "/api/events?since=x"}) {
      HttpResponse<String> r = get(path);
      assertThat(r.headers().firstValue("content-security-policy")).as(path).isPresent();
      assertThat(r.headers().firstValue("x-content-type-options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("x-frame-options")).as(path).hasValue("DENY");
    }
  }

  @Test
  void viewsAreRenderedOncePerVersion() throws Exception {
    String a = get("/api/report").body();
    String b = get("/api/report").body();
    assertThat(a).isEqualTo(b);
    assertThat(URI.create(server.url().toString()).getHost()).isEqualTo("127.0.0.1");
  }
}
