package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code /metrics} is valid Prometheus text that promtool accepts, and leaks no identities. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricsTest {
  static ReportServer server;
  static String metrics;

  @BeforeAll
  static void start() throws Exception {
    server = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null),
        new TestSource(Fixtures.view(1, System.currentTimeMillis(), 0.62, Fixtures.findings(), 70)));
    RawHttp.Response r = RawHttp.exchange(server.port(), RawHttp.get(server.port(), "/metrics"));
    assertThat(r.status()).isEqualTo(200);
    metrics = r.body();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void promtoolAcceptsTheExposition() throws Exception {
    Promtool.Result r = Promtool.checkMetrics(metrics);
    assertThat(r.output()).as("promtool output").isBlank();
    assertThat(r.exit()).as("promtool exit code; output:\n" + r.output()).isZero();
  }

  @Test
  void promtoolRejectsBrokenExposition() throws Exception {
    // Guards the check above against a promtool that accepts anything.
    assertThat(Promtool.checkMetrics("# TYPE requests counter\nrequests{a=\"x} 1\n").exit())
        .isNotZero();
  }

  @Test
  void usesGoLibp2pNamesAndPrivacyMetrics() {
    assertThat(metrics)
        .contains("# TYPE libp2p_swarm_connections_opened_total counter")
        .contains("libp2p_swarm_connections_opened_total{dir=\"outbound\",transport=\"tcp\","
            + "security=\"/noise\",muxer=\"/yamux/1.0.0\",ip_version=\"ip4\"} 1")
        .contains("libp2p_swarm_connections_closed_total{dir=\"inbound\",transport=\"tcp\","
            + "security=\"/noise\",muxer=\"/mplex/6.7.0\",ip_version=\"ip4\"} 1")
        .contains("libp2p_swarm_connections_opened_total{dir=\"outbound\",transport=\"tcp\","
            + "security=\"/noise\",muxer=\"/yamux/1.0.0\",ip_version=\"ip6\"} 1")
        .contains("libp2p_rcmgr_connections{dir=\"outbound\",scope=\"system\"} 2")
        .contains("# TYPE libp2p_swarm_connection_duration_seconds histogram")
        // c2 was open 40 s: in the 64 s bucket, not in the 32 s one.
        .contains("libp2p_swarm_connection_duration_seconds_bucket{dir=\"inbound\",transport=\"tcp\","
            + "security=\"/noise\",muxer=\"/mplex/6.7.0\",ip_version=\"ip4\",le=\"32\"} 0")
        .contains("libp2p_swarm_connection_duration_seconds_bucket{dir=\"inbound\",transport=\"tcp\","
            + "security=\"/noise\",muxer=\"/mplex/6.7.0\",ip_version=\"ip4\",le=\"64\"} 1")
        .contains("libp2p_swarm_connection_duration_seconds_sum{dir=\"inbound\",transport=\"tcp\","
            + "security=\"/noise\",muxer=\"/mplex/6.7.0\",ip_version=\"ip4\"} 40")
        .contains("libp2p_privacy_identify_advertised_protocols 3")
        .contains("libp2p_privacy_identify_advertised_addresses 2")
        .contains("libp2p_privacy_risk_score 0.62")
        .contains("libp2p_privacy_findings{category=\"ADDRESS_LEAKAGE\",severity=\"high\"} 1")
        .contains("libp2p_privacy_anonymity_effective_anonymity_set 2.71")
        .contains("libp2p_privacy_collector_dropped_total{reason=\"queue_full\"} 2")
        .contains("libp2p_privacy_collector_events_accepted_total 1234")
        .contains("libp2p_privacy_peers 73");
  }

  @Test
  void labelValuesAreEscapedAndCarryNoIdentities() {
    assertThat(metrics).contains("protocol=\"/evil/<b>bold</b>/1.0.0\\\"\\\\\\n\"");
    assertThat(metrics).doesNotContain(Fixtures.PEER_A).doesNotContain("12D3KooW")
        .doesNotContain(Fixtures.IP_A).doesNotContain("198.51.100").doesNotContain("2001:db8");
    for (String line : metrics.split("\n")) {
      if (!line.startsWith("#")) {
        assertThat(line).matches("[a-z0-9_:]+(\\{.*\\})? (-?[0-9.eE+-]+|NaN)");
      }
    }
  }
}
