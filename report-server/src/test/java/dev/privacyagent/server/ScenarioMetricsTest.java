package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.CollectorConfig;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.simulate.Scenario;
import dev.privacyagent.analyzer.simulate.TrafficSimulator;
import dev.privacyagent.server.source.ReportSource;
import dev.privacyagent.server.source.ReportSources;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * promtool accepts {@code /metrics} on real data: the report of every simulate scenario served
 * the way {@code analyze --serve} serves it, and a live source following a collector.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScenarioMetricsTest {

  static List<Event> simulate(Scenario s) {
    return new TrafficSimulator(TrafficSimulator.DEFAULT_SEED, TrafficSimulator.DEFAULT_PEERS)
        .generate(s);
  }

  static String metrics(ReportSource source) throws Exception {
    try (ReportServer server = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null), source)) {
      RawHttp.Response r = RawHttp.exchange(server.port(), RawHttp.get(server.port(), "/metrics"));
      assertThat(r.status()).isEqualTo(200);
      return r.body();
    }
  }

  static void assertPromtoolAccepts(String what, String exposition) throws Exception {
    assertThat(exposition).as(what).contains("libp2p_privacy_risk_score");
    Promtool.Result r = Promtool.checkMetrics(exposition);
    assertThat(r.output()).as(what + ": promtool output").isBlank();
    assertThat(r.exit()).as(what + ": promtool exit code; output:\n" + r.output()).isZero();
  }

  /** As {@code simulate --scenario S | analyze - --serve} builds its source. */
  @ParameterizedTest
  @EnumSource(Scenario.class)
  void everyScenarioServedOfflinePassesPromtool(Scenario scenario) throws Exception {
    MetadataCollector collector =
        new MetadataCollector(CollectorConfig.defaults().withWindow(Duration.ZERO));
    simulate(scenario).forEach(collector::ingest);
    Snapshot snapshot = collector.snapshot();
    Report report = new PrivacyAnalyzer().analyze(snapshot);
    assertPromtoolAccepts(scenario.cliName(),
        metrics(ReportSources.offline(snapshot, report, snapshot.recentEvents())));
  }

  /** As the agent serves it: a live source over the collector it feeds. */
  @Test
  void liveSourcePassesPromtool() throws Exception {
    MetadataCollector collector = new MetadataCollector();
    simulate(Scenario.ALL).forEach(collector::ingest);
    simulate(Scenario.GOSSIP).forEach(collector::ingest);
    assertPromtoolAccepts("live",
        metrics(ReportSources.live(collector::snapshot, new PrivacyAnalyzer())));
  }
}
