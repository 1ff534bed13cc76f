package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/grafana-dashboard.json queries only metrics the server exports, and every query is valid
 * PromQL (checked by {@code promtool check rules} on the queries as recording rules).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrafanaDashboardTest {
  static final Pattern METRIC = Pattern.compile("libp2p_[a-z0-9_]+");

  static List<String> queries() throws Exception {
    Path file = Path.of(System.getProperty("docs.dir", "../docs"), "grafana-dashboard.json");
    JsonNode dash = Fixtures.MAPPER.readTree(Files.readString(file));
    assertThat(dash.get("title").asText()).isNotBlank();
    List<String> exprs = new ArrayList<>();
    for (JsonNode p : dash.get("panels")) {
      for (JsonNode t : p.path("targets")) {
        exprs.add(t.get("expr").asText());
      }
    }
    assertThat(exprs).hasSizeGreaterThan(10);
    return exprs;
  }

  @Test
  void everyQueriedMetricIsExported() throws Exception {
    String metrics;
    var events = AnalyzerIntegrationTest.traffic(System.currentTimeMillis() - 60_000, 6).events();
    var collector = new dev.privacyagent.analyzer.collect.MetadataCollector();
    events.forEach(collector::ingest);
    var snapshot = collector.snapshot();
    var report = new dev.privacyagent.analyzer.detect.PrivacyAnalyzer().analyze(snapshot);
    try (ReportServer s = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null),
        dev.privacyagent.server.source.ReportSources.offline(snapshot, report, events))) {
      metrics = RawHttp.exchange(s.port(), RawHttp.get(s.port(), "/metrics")).body();
    }
    Set<String> used = new TreeSet<>();
    for (String q : queries()) {
      Matcher m = METRIC.matcher(q);
      while (m.find()) {
        used.add(m.group());
      }
    }
    assertThat(used).hasSizeGreaterThan(10);
    for (String name : used) {
      String family = name.replaceFirst("_(bucket|sum|count)$", "");
      String type = family.equals(name) ? "" : "histogram";
      assertThat(metrics).as(name).contains("# TYPE " + family + " " + type);
    }
  }

  @Test
  void everyQueryIsValidPromQl() throws Exception {
    Path promtool = Path.of(System.getProperty("promtool.path", "/usr/bin/promtool"));
    if (!Files.isExecutable(promtool)) {
      throw new AssertionError("promtool not found at " + promtool + ": install the Debian package"
          + " 'prometheus' or run bin/test");
    }
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int i = 0;
    for (String q : queries()) {
      String expr = q.replace("$__rate_interval", "5m").replace("$instance", ".*").replace("$node", ".*");
      rules.append("      - record: dashboard:query").append(i++).append('\n')
          .append("        expr: '").append(expr.replace("'", "''")).append("'\n");
    }
    Path file = Files.createTempFile("dashboard-rules", ".yml");
    try {
      Files.writeString(file, rules.toString());
      Process p = new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
          .redirectErrorStream(true).start();
      try (OutputStream ignored = p.getOutputStream()) {
        // no input
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out).contains("SUCCESS");
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
