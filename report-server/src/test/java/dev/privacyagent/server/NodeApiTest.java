package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.server.source.ReportSources;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /api/nodes, ?node= on every per-node endpoint, the per-node SSE stream and the node label of /metrics. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeApiTest {

  static JsonNode json(ReportServer s, String path) throws Exception {
    RawHttp.Response r = AnalyzerIntegrationTest.get(s, path);
    assertThat(r.status()).as(path).isEqualTo(200);
    return Fixtures.MAPPER.readTree(r.body());
  }

  @Test
  void eachNodeIsServedOnItsOwnAndListed() throws Exception {
    MetadataCollector c = new MetadataCollector();
    TwoNodes net = new TwoNodes(c);
    try (ReportServer s = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null),
        ReportSources.liveNodes(c::nodeSnapshots, new PrivacyAnalyzer()))) {
      JsonNode nodes = json(s, "/api/nodes").get("nodes");
      assertThat(nodes).hasSize(2);
      assertThat(nodes.get(0).get("name").asText()).isEqualTo("alpha");
      assertThat(nodes.get(0).get("localPeers").get(0).asText()).isEqualTo(TwoNodes.B);
      assertThat(nodes.get(1).at("/comparison/plaintextConnections").asLong()).isEqualTo(3);

      JsonNode all = json(s, "/api/report");
      assertThat(all.at("/peers/total").asInt()).isEqualTo(16);
      JsonNode beta = json(s, "/api/report?node=beta");
      assertThat(beta.at("/peers/total").asInt()).isEqualTo(3);
      assertThat(beta.at("/node/node").asText()).isEqualTo(TwoNodes.B);
      assertThat(beta.get("findings").toString()).contains("transport.plaintext");
      JsonNode alpha = json(s, "/api/report?node=" + TwoNodes.A);
      assertThat(alpha.at("/peers/total").asInt()).isEqualTo(13);
      assertThat(alpha.get("findings").toString()).doesNotContain("transport.plaintext");
      assertThat(json(s, "/api/peers?node=beta").get("total").asInt()).isEqualTo(3);
      assertThat(json(s, "/api/proofs?node=alpha").get("proofs")).isNotEmpty();
      JsonNode events = json(s, "/api/events?node=beta&limit=1000").get("events");
      assertThat(events).isNotEmpty();
      events.forEach(e -> assertThat(e.get("node").asText()).isEqualTo(TwoNodes.B));

      // a node's proof verifies against that node's report
      JsonNode proof = json(s, "/api/proofs?node=beta").at("/proofs/0");
      JsonNode v = Fixtures.MAPPER.readTree(AnalyzerIntegrationTest.post(s, proof.toString()).body());
      assertThat(v.get("valid").asBoolean()).isEqualTo(proof.get("holds").asBoolean());

      RawHttp.Response missing = AnalyzerIntegrationTest.get(s, "/api/report?node=%3Cscript%3E");
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.body()).contains("no such local node").doesNotContain("script");
      assertThat(AnalyzerIntegrationTest.get(s, "/api/peers?node=").status()).isEqualTo(400);
      assertThat(AnalyzerIntegrationTest.get(s, "/api/report?node=a&node=b").status()).isEqualTo(400);

      String metrics = AnalyzerIntegrationTest.get(s, "/metrics").body();
      assertThat(metrics).contains("libp2p_privacy_risk_score{node=\"alpha\"}", "libp2p_privacy_risk_score{node=\"beta\"}",
          "libp2p_privacy_peers{node=\"beta\"} 3");
      assertThat(metrics).doesNotContain(TwoNodes.B).doesNotContain("93.4.5.");

      // a live change to beta shows in beta's own view
      long v1 = beta.get("version").asLong();
      net.betaPeer(3);
      JsonNode next = beta;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (next.get("version").asLong() == v1 && System.nanoTime() < deadline) {
        Thread.sleep(200);
        next = json(s, "/api/report?node=beta");
      }
      assertThat(next.at("/peers/total").asInt()).isEqualTo(4);
      assertThat(next.get("riskTrend").size()).isGreaterThanOrEqualTo(2);
    }
  }
}
