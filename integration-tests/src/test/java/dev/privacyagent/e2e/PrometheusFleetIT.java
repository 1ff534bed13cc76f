package dev.privacyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Fleet monitoring on a real Prometheus (Debian {@code prometheus}): two JVMs run sample nodes
 * under the agent with different node names; Prometheus, on loopback with its own data
 * directory, scrapes both; through its HTTP API both targets are up, every node's risk score and
 * connection series are there, and every panel expression of docs/grafana-dashboard.json returns
 * data (a third, short-lived JVM connects to one of them and leaves, so that connection durations
 * exist too).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PrometheusFleetIT {
  static final Path PROMETHEUS = Path.of(System.getProperty("prometheus.path", "/usr/bin/prometheus"));
  static final Path DASHBOARD = Path.of(System.getProperty("docs.dir", "../docs"), "grafana-dashboard.json");
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void prometheusScrapesTwoNamedNodesAndEveryPanelHasData() throws Exception {
    if (!Files.isExecutable(PROMETHEUS)) {
      throw new AssertionError("prometheus not found at " + PROMETHEUS + ": install the Debian package"
          + " 'prometheus' (apt-get install -y prometheus) or run bin/test, which installs it");
    }
    Path dir = E2e.dir("prometheus-fleet");
    List<String> app = List.of("--peers=2", "--js-peers=0", "--duration=150s", "--ping-interval=500ms",
        "--stream-interval=300ms", "--gossip", "--slot=1s");
    E2e.Proc alpha = E2e.Proc.start(E2e.currentJava(),
        List.of(E2e.agentArg("port=0,summaryInterval=0,report=false,nodeName=alpha")), app, Files.createDirectories(dir.resolve("alpha")));
    E2e.Proc beta = E2e.Proc.start(E2e.currentJava(),
        List.of(E2e.agentArg("port=0,summaryInterval=0,report=false,nodeName=beta")), app, Files.createDirectories(dir.resolve("beta")));
    Process prom = null;
    try {
      int a = reportPort(alpha);
      int b = reportPort(beta);
      // a short-lived third JVM dials alpha's first node and exits: one closed connection, so
      // that the connection-duration histogram has data too
      alpha.awaitTruth(t -> "node".equals(t.path("event").asText()), 2, 60);
      JsonNode first = E2e.truthOf(alpha.truth(), "node").get(0);
      String target = first.at("/listenAddrs/0").asText() + "/p2p/" + first.get("peerId").asText();
      E2e.Proc gamma = E2e.Proc.start(E2e.currentJava(), List.of(),
          List.of("--peers=1", "--js-peers=0", "--duration=6s", "--no-bad-dials", "--dial=" + target),
          Files.createDirectories(dir.resolve("gamma")));
      assertThat(gamma.await(60)).as(gamma.stderr()).isZero();
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, "global:\n  scrape_interval: 2s\n  scrape_timeout: 2s\n  evaluation_interval: 2s\n"
          + "scrape_configs:\n  - job_name: libp2p\n    static_configs:\n      - targets: ['127.0.0.1:" + a
          + "', '127.0.0.1:" + b + "']\n");
      prom = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
          "--web.console.templates=" + dir, "--web.console.libraries=" + dir)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      String base = "http://127.0.0.1:" + port;
      await("Prometheus ready", 60, () -> get(base + "/-/ready").statusCode() == 200);

      await("both targets up", 60, () -> {
        JsonNode t = json(base + "/api/v1/targets?state=active").at("/data/activeTargets");
        int up = 0;
        for (JsonNode x : t) {
          up += "up".equals(x.path("health").asText()) ? 1 : 0;
        }
        return t.size() == 2 && up == 2;
      });

      // each JVM runs two hosts: NAME-0 and NAME-1, each its own series
      // last_over_time: on a loaded machine one scrape may time out, and its stale markers would
      // hide that target's series from an instant query until the next scrape
      Set<String> all = Set.of("alpha-0", "alpha-1", "beta-0", "beta-1");
      await("a risk score per node", 60, () -> labels("last_over_time(libp2p_privacy_risk_score[1m])", base, "node")
          .containsAll(all));
      for (String m : List.of("libp2p_rcmgr_connections", "libp2p_swarm_connections_opened_total")) {
        String q = "last_over_time(" + m + "[1m])";
        await(m + " per node", 60, () -> labels(q, base, "node").containsAll(all));
      }
      assertThat(labels("last_over_time(libp2p_privacy_risk_score[1m])", base, "instance"))
          .containsExactlyInAnyOrder("127.0.0.1:" + a, "127.0.0.1:" + b);

      // every panel of the dashboard, its variables filled in, returns data once a few
      // scrapes have been taken (rate windows of 10 s at a 1 s interval)
      List<String> exprs = new ArrayList<>();
      for (JsonNode p : E2e.JSON.readTree(DASHBOARD.toFile()).get("panels")) {
        for (JsonNode t : p.path("targets")) {
          exprs.add(t.get("expr").asText().replace("$__rate_interval", "20s").replace("$instance", ".*")
              .replace("$node", ".*"));
        }
      }
      assertThat(exprs).hasSizeGreaterThan(20);
      // an expression counts once it has returned data (a timed-out scrape may blank one for a moment)
      List<String> empty = new ArrayList<>(exprs);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!empty.isEmpty() && System.nanoTime() < deadline) {
        for (String e : List.copyOf(empty)) {
          JsonNode r = json(base + "/api/v1/query?query=" + URLEncoder.encode(e, StandardCharsets.UTF_8));
          assertThat(r.path("status").asText()).as(e + ": " + r).isEqualTo("success");
          if (!r.at("/data/result").isEmpty()) {
            empty.remove(e);
          }
        }
        if (!empty.isEmpty()) {
          Thread.sleep(2000);
        }
      }
      assertThat(empty).as("panel expressions without data").isEmpty();
    } finally {
      if (prom != null) {
        prom.destroy();
        if (!prom.waitFor(20, TimeUnit.SECONDS)) {
          prom.destroyForcibly();
        }
      }
      alpha.kill();
      beta.kill();
    }
  }

  private int reportPort(E2e.Proc p) throws Exception {
    p.awaitStderr("[privacy-agent] report at http://127.0.0.1:", 60);
    Matcher m = Pattern.compile("report at http://127\\.0\\.0\\.1:(\\d+)/").matcher(p.stderr());
    assertThat(m.find()).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private Set<String> labels(String metric, String base, String label) throws Exception {
    Set<String> out = new TreeSet<>();
    lastBase = metric + " -> " + json(base + "/api/v1/query?query=" + URLEncoder.encode(metric, StandardCharsets.UTF_8));
    for (JsonNode r : json(base + "/api/v1/query?query=" + URLEncoder.encode(metric, StandardCharsets.UTF_8))
        .at("/data/result")) {
      if (r.at("/metric/" + label).isTextual()) {
        out.add(r.at("/metric/" + label).asText());
      }
    }
    return out;
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String url) throws Exception {
    return E2e.JSON.readTree(get(url).body());
  }

  interface Check {
    boolean ok() throws Exception;
  }

  /** For the failure message: what Prometheus held when a wait timed out. */
  private static String lastBase;

  private static void await(String what, int seconds, Check c) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Exception last = null;
    while (System.nanoTime() < end) {
      try {
        if (c.ok()) {
          return;
        }
      } catch (java.io.IOException e) {
        last = e; // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("timed out waiting for " + what + (last == null ? "" : ": " + last)
        + (lastBase == null ? "" : "; risk series: " + lastBase));
  }
}
