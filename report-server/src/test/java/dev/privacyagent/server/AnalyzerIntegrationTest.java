package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.server.source.ReportSource;
import dev.privacyagent.server.source.ReportSources;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over the real collector, analyzer and mock proofs, offline and live. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AnalyzerIntegrationTest {

  static Traffic traffic(long base, int peers) {
    Traffic t = new Traffic(base).disclose();
    for (int i = 0; i < peers; i++) {
      t.peer(i, i == 3 ? Fixtures.XSS_AGENT : "go-libp2p/0.3" + (i % 4),
          i == 1 ? "/plaintext/2.0.0" : "/noise", i % 4 == 0);
    }
    return t;
  }

  static RawHttp.Response get(ReportServer s, String path) throws Exception {
    return RawHttp.exchange(s.port(), RawHttp.get(s.port(), path));
  }

  static RawHttp.Response post(ReportServer s, String body) throws Exception {
    return RawHttp.exchange(s.port(), "POST /api/proofs/verify HTTP/1.1\r\nHost: 127.0.0.1:"
        + s.port() + "\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
  }

  @Test
  void offlineReportIsServedAndItsProofsVerify() throws Exception {
    List<Event> events = traffic(System.currentTimeMillis() - 60_000, 8).events();
    MetadataCollector collector = new MetadataCollector();
    events.forEach(collector::ingest);
    Snapshot snapshot = collector.snapshot();
    Report report = new PrivacyAnalyzer().analyze(snapshot);
    ReportSource source = ReportSources.offline(snapshot, report, events);
    try (ReportServer s = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null), source)) {
      JsonNode r = Fixtures.MAPPER.readTree(get(s, "/api/report").body());
      assertThat(r.get("riskScore").asDouble()).isEqualTo(report.riskScore());
      assertThat(r.get("findings")).hasSize(report.findings().size());
      assertThat(report.findings()).isNotEmpty();
      assertThat(r.at("/findings/0/severity").asText()).matches("info|low|medium|high|critical");
      assertThat(r.at("/report/schemaVersion").asInt()).isEqualTo(Report.SCHEMA_VERSION);
      assertThat(r.at("/anonymity/effectiveAnonymitySet").asDouble())
          .isEqualTo(report.anonymity().effectiveAnonymitySet());
      assertThat(r.at("/peers/total").asInt()).isEqualTo(8);

      JsonNode events1 = Fixtures.MAPPER.readTree(get(s, "/api/events?since=0&limit=5").body());
      assertThat(events1.get("events")).hasSize(5);

      JsonNode proofs = Fixtures.MAPPER.readTree(get(s, "/api/proofs").body()).get("proofs");
      assertThat(proofs).hasSize(report.proofs().size()).isNotEmpty();
      for (JsonNode p : proofs) {
        JsonNode v = Fixtures.MAPPER.readTree(post(s, p.toString()).body());
        assertThat(v.get("valid").asBoolean()).as(p.toString()).isEqualTo(p.get("holds").asBoolean());
        ObjectNode forged = p.deepCopy();
        String c = p.get("commitmentHex").asText();
        forged.put("commitmentHex", (c.charAt(0) == '0' ? "1" : "0") + c.substring(1));
        JsonNode f = Fixtures.MAPPER.readTree(post(s, forged.toString()).body());
        assertThat(f.get("valid").asBoolean()).isFalse();
      }
      RawHttp.Response notAProof = post(s, "{\"hello\":\"<b>x</b>\"}");
      assertThat(notAProof.status()).isEqualTo(400);
      assertThat(notAProof.body()).contains("not a proof").doesNotContain("<b>");

      String metrics = get(s, "/metrics").body();
      assertThat(metrics).contains("libp2p_privacy_risk_score " + report.riskScore())
          .contains("TRANSPORT_SECURITY").doesNotContain("12D3KooW");
    }
  }

  @Test
  void liveSourceFollowsTheCollector() throws Exception {
    long base = System.currentTimeMillis() - 60_000;
    MetadataCollector collector = new MetadataCollector();
    Traffic t = traffic(base, 3);
    t.events().forEach(collector::ingest);
    ReportSource live = ReportSources.liveNodes(collector::nodeSnapshots, new PrivacyAnalyzer());
    try (ReportServer s = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null), live)) {
      JsonNode first = Fixtures.MAPPER.readTree(get(s, "/api/report").body());
      assertThat(first.at("/peers/total").asInt()).isEqualTo(3);
      long v1 = first.get("version").asLong();

      List<Event> more = traffic(base, 6).events();
      more.subList(t.events().size(), more.size()).forEach(collector::ingest);
      JsonNode next = first;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (next.get("version").asLong() == v1 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        next = Fixtures.MAPPER.readTree(get(s, "/api/report").body());
      }
      assertThat(next.get("version").asLong()).isGreaterThan(v1);
      assertThat(next.at("/peers/total").asInt()).isEqualTo(6);
      assertThat(next.get("riskTrend").size()).isGreaterThanOrEqualTo(2);

      JsonNode proof = Fixtures.MAPPER.readTree(get(s, "/api/proofs").body()).at("/proofs/0");
      JsonNode v = Fixtures.MAPPER.readTree(post(s, proof.toString()).body());
      assertThat(v.get("valid").asBoolean()).isEqualTo(proof.get("holds").asBoolean());
    }
  }
}
