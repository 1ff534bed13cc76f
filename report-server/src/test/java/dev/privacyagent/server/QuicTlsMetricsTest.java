package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.analyzer.collect.CollectorConfig;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.HostCreated;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.server.source.ReportSources;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS over TCP and QUIC as the agent records them, served: /metrics labels their transport,
 * security and muxer (QUIC: quic-v1 or quic, /tls/1.0.0, native), promtool accepts it, and the
 * page's JSON says the same.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuicTlsMetricsTest {
  static final String NODE = "12D3KooWQuicNodeQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";
  static ReportServer server;
  static String metrics;
  static JsonNode page;

  @BeforeAll
  static void start() throws Exception {
    MetadataCollector c = new MetadataCollector(CollectorConfig.defaults().withWindow(Duration.ZERO));
    long[] seq = {0};
    c.ingest(new HostCreated(seq[0]++, 0, 1000, NODE, NODE));
    Object[][] conns = {
      {"tls", "/ip4/127.0.0.1/tcp/51000", "/ip4/127.0.0.1/tcp/4001", Direction.OUTBOUND, "tcp", "/tls/1.0.0", "/yamux/1.0.0"},
      {"v1", "/ip6/::/udp/40123/quic-v1", "/ip4/127.0.0.1/udp/4001/quic-v1", Direction.OUTBOUND, "quic-v1", "/tls/1.0.0", null},
      {"d29", "/ip4/127.0.0.1/udp/4002/quic", "/ip6/::1/udp/51234/quic", Direction.INBOUND, "quic", "/tls/1.0.0", null},
      // recorded by an agent that did not name QUIC's security yet
      {"old", "/ip4/0.0.0.0/udp/40124/quic-v1", "/ip4/127.0.0.1/udp/4003/quic-v1", Direction.OUTBOUND, "quic-v1", null, null},
    };
    for (Object[] x : conns) {
      c.ingest(new ConnectionOpened(seq[0]++, seq[0] * 1000, 2000 + seq[0], NODE, (String) x[0], NODE,
          "12D3KooWPeer" + x[0], (String) x[1], (String) x[2], (Direction) x[3], (String) x[4], (String) x[5],
          (String) x[6], false));
    }
    Snapshot snapshot = c.snapshot();
    Report report = new PrivacyAnalyzer().analyze(snapshot);
    server = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null),
        ReportSources.offline(snapshot, report, snapshot.recentEvents()));
    metrics = get("/metrics");
    page = Fixtures.MAPPER.readTree(get("/api/report"));
  }

  static String get(String path) throws Exception {
    RawHttp.Response r = RawHttp.exchange(server.port(), RawHttp.get(server.port(), path));
    assertThat(r.status()).isEqualTo(200);
    return r.body();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void quicAndTlsAreLabelledWithTheirTransportSecurityAndMuxer() throws Exception {
    assertThat(metrics)
        .contains("libp2p_swarm_connections_opened_total{dir=\"outbound\",transport=\"tcp\","
            + "security=\"/tls/1.0.0\",muxer=\"/yamux/1.0.0\",ip_version=\"ip4\"} 1")
        .contains("libp2p_swarm_connections_opened_total{dir=\"outbound\",transport=\"quic-v1\","
            + "security=\"/tls/1.0.0\",muxer=\"native\",ip_version=\"ip4\"} 2")
        .contains("libp2p_swarm_connections_opened_total{dir=\"inbound\",transport=\"quic\","
            + "security=\"/tls/1.0.0\",muxer=\"native\",ip_version=\"ip6\"} 1")
        .doesNotContain("security=\"unknown\"").doesNotContain("security=\"\"")
        .doesNotContain("muxer=\"unknown\"")
        .doesNotContain("libp2p_privacy_findings{category=\"TRANSPORT_SECURITY\"");
    Promtool.Result r = Promtool.checkMetrics(metrics);
    assertThat(r.exit()).as("promtool: " + r.output()).isZero();
  }

  @Test
  void thePageShowsTheSameStack() {
    Map<String, JsonNode> byPeer = new HashMap<>();
    page.at("/connections/items").forEach(i -> byPeer.put(i.get("peerId").asText(), i));
    JsonNode tls = byPeer.get("12D3KooWPeertls");
    assertThat(tls.get("transport").asText()).isEqualTo("tcp");
    assertThat(tls.get("security").asText()).isEqualTo("/tls/1.0.0");
    assertThat(tls.get("muxer").asText()).isEqualTo("/yamux/1.0.0");
    assertThat(tls.get("nativeStreams").asBoolean()).isFalse();
    for (String quic : new String[] {"v1", "d29", "old"}) {
      JsonNode i = byPeer.get("12D3KooWPeer" + quic);
      assertThat(i.get("transport").asText()).as(quic).isEqualTo(quic.equals("d29") ? "quic" : "quic-v1");
      assertThat(i.get("security").asText()).as(quic).isEqualTo("/tls/1.0.0");
      assertThat(i.path("muxer").isNull() || i.path("muxer").isMissingNode()).as(quic).isTrue();
      assertThat(i.get("nativeStreams").asBoolean()).as(quic).isTrue();
    }
    assertThat(page.toString()).doesNotContain("40123").doesNotContain("40124");
  }
}
