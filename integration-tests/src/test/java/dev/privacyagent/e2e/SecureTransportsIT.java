package dev.privacyagent.e2e;

import static dev.privacyagent.e2e.E2e.ofType;
import static dev.privacyagent.e2e.E2e.truthOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS over TCP and QUIC v1 under {@code -javaagent} ({@link SecureTransportsWorkload}), between
 * test-host nodes and with js-libp2p (TLS and QUIC) both ways: every connection is
 * reported as the nodes' applications saw it ({@code transport=tcp security=/tls/1.0.0} and the
 * muxer ALPN agreed; QUIC {@code transport=quic-v1 security=/tls/1.0.0}, no muxer, the dialer's
 * wildcard local address as it is), the failed handshake as a HandshakeFailed with {@code /tls/1.0.0} and its
 * cause, the weak-security detector counts the TLS connections as encrypted next to the plaintext
 * one, and the live {@code /metrics} labels them so (promtool clean). JDK 17 and 25.
 */
class SecureTransportsIT {
  /** TLS connection ends the agent sees: tls-a to tls-b and to mixed (both ends each), and to the two js peers. */
  static final int TLS_SIDES = 6;
  /** QUIC v1 connection ends: quic-a to quic-b (both ends), and quic-a's ends with the two js QUIC peers. */
  static final int QUIC_SIDES = 4;

  static Stream<Arguments> jdks() {
    return Stream.of(Arguments.of("17", E2e.JDK17), Arguments.of("25", E2e.JDK25));
  }

  @ParameterizedTest(name = "JDK {0}")
  @MethodSource("jdks")
  void tlsConnectionsAreReportedAsTheNodesSawThem(String name, Path jdk) throws Exception {
    Path dir = E2e.dir("secure-transports-jdk" + name);
    Path events = dir.resolve("events.jsonl");
    Path go = dir.resolve("go");
    E2e.Proc p = E2e.Proc.startMain(E2e.javaOf(jdk),
        List.of(E2e.agentArg("port=0,summaryInterval=0,events=" + events)),
        SecureTransportsWorkload.class, List.of("pings=3", "go=" + go, "js=" + E2e.JS_DIR, "quic"), dir);
    String metrics;
    try {
      p.awaitTruth(t -> t.path("event").asText().equals("connected"), 1, 90);
      Matcher url = Pattern.compile("report at (http://127\\.0\\.0\\.1:\\d+/)").matcher(p.stderr());
      assertThat(url.find()).as(p.stderr()).isTrue();
      metrics = liveMetrics(url.group(1));
    } finally {
      Files.writeString(go, "go");
    }
    assertThat(p.await(120)).as(p.stderr()).isZero();
    String err = p.stderr();
    assertThat(err).contains("agent-errors=0").doesNotContain("ERROR").doesNotContain("\tat ");

    List<JsonNode> truth = p.truth();
    List<JsonNode> ev = E2e.jsonLines(events);

    // every connection, both sides, as the application saw it
    List<String> expected = new ArrayList<>();
    for (JsonNode c : truthOf(truth, "connection")) {
      boolean quic = c.get("transportClass").asText().equals("io.libp2p.transport.quic.QuicTransport");
      // QUIC: TLS inside the transport's own handshake, native streams, so no muxer id
      expected.add(String.join(" ", c.get("from").asText(), c.get("to").asText(), c.get("direction").asText(),
          c.get("localAddr").asText(), c.get("remoteAddr").asText(), quic ? "quic-v1" : "tcp",
          quic ? "/tls/1.0.0" : c.get("security").asText(), quic ? "-" : c.get("muxer").asText()));
    }
    List<String> captured = new ArrayList<>();
    for (JsonNode c : ofType(ev, "ConnectionOpened")) {
      captured.add(String.join(" ", c.get("node").asText(), c.get("remotePeerId").asText(),
          c.get("direction").asText(), c.get("localAddr").asText(), c.get("remoteAddr").asText(),
          c.path("transport").asText(), c.path("security").asText(), c.path("muxer").asText("-")));
    }
    assertThat(expected).hasSize(12).filteredOn(c -> c.endsWith(" tcp /tls/1.0.0 /yamux/1.0.0")).hasSize(TLS_SIDES);
    assertThat(expected).filteredOn(c -> c.endsWith(" quic-v1 /tls/1.0.0 -")).hasSize(QUIC_SIDES)
        .anyMatch(c -> c.contains(" OUTBOUND /ip6/0:0:0:0:0:0:0:0/udp/") || c.contains(" OUTBOUND /ip4/0.0.0.0/udp/"));
    assertThat(captured).containsExactlyInAnyOrderElementsOf(expected);
    // js-libp2p, both ways: its own view of each connection says the same
    List<JsonNode> jsConns = new ArrayList<>();
    for (JsonNode j : truthOf(truth, "js")) {
      JsonNode line = E2e.JSON.readTree(j.get("line").asText());
      if (line.path("event").asText().equals("connection")) {
        String jsPeer = E2e.JSON.readTree(truthOf(truth, "js").stream()
            .filter(x -> x.get("role").asText().equals(j.get("role").asText())
                && x.get("line").asText().contains("\"listening\""))
            .findFirst().orElseThrow().get("line").asText()).get("peerId").asText();
        String role = j.get("role").asText();
        boolean overQuic = role.startsWith("quic-");
        assertThat(captured).as("the JVM side of js %s", role)
            .anyMatch(c -> c.contains(" " + jsPeer + " " + (role.endsWith("dialer") ? "INBOUND" : "OUTBOUND") + " ")
                && c.endsWith(overQuic ? " quic-v1 /tls/1.0.0 -" : " tcp /tls/1.0.0 /yamux/1.0.0"));
        if (overQuic) {
          assertThat(line.get("remoteAddr").asText()).as(role).matches("/ip4/127\\.0\\.0\\.1/udp/\\d+/quic-v1(/p2p/\\w+)?");
        } else {
          jsConns.add(line);
        }
      }
    }
    assertThat(jsConns).hasSize(2).allSatisfy(l -> {
      assertThat(l.get("encryption").asText()).isEqualTo("/tls/1.0.0");
      assertThat(l.get("multiplexer").asText()).isEqualTo("/yamux/1.0.0");
    });
    assertThat(truthOf(truth, "js")).as("both js QUIC peers connected")
        .filteredOn(j -> j.get("role").asText().startsWith("quic-") && j.get("line").asText().contains("\"event\":\"connection\""))
        .hasSize(2);

    // the failed handshake: the dialer's HandshakeFailed names /tls/1.0.0 and the reason it got
    JsonNode failed = truthOf(truth, "handshake-failed").get(0);
    assertThat(failed.get("errorClass").asText()).isEqualTo("io.libp2p.security.tls.TlsHandshakeException");
    assertThat(ofType(ev, "HandshakeFailed")).anySatisfy(h -> {
      assertThat(h.get("node").asText()).isEqualTo(failed.get("from").asText());
      assertThat(h.get("protocol").asText()).isEqualTo("/tls/1.0.0");
      assertThat(h.get("direction").asText()).isEqualTo("OUTBOUND");
      assertThat(h.get("errorClass").asText()).isEqualTo(failed.get("errorClass").asText());
      assertThat(h.get("message").asText()).contains(failed.get("message").asText());
    }).allSatisfy(h -> assertThat(h.get("protocol").asText()).isEqualTo("/tls/1.0.0"));

    // the QUIC dial under a wrong peer id: the TLS inside QUIC fails the dial itself
    JsonNode quicFailed = truthOf(truth, "dial-failed").get(0);
    assertThat(quicFailed.get("errorClass").isNull()).as("the wrong peer id must fail the dial").isFalse();
    assertThat(ofType(ev, "DialFailed")).anySatisfy(d -> {
      assertThat(d.get("node").asText()).isEqualTo(quicFailed.get("from").asText());
      assertThat(d.get("addr").asText()).contains("/quic-v1");
    });

    // /metrics while the connections were open: TLS and QUIC labelled as such, nothing unknown
    assertThat(sum(metrics, "libp2p_swarm_connections_opened_total", "quic-v1", "/tls/1.0.0", "native"))
        .isEqualTo(QUIC_SIDES);
    assertThat(sum(metrics, "libp2p_swarm_connections_opened_total", "tcp", "/tls/1.0.0", "/yamux/1.0.0"))
        .isEqualTo(TLS_SIDES);
    assertThat(sum(metrics, "libp2p_swarm_connections_opened_total", "tcp", "/plaintext/2.0.0", "/yamux/1.0.0"))
        .isEqualTo(2);
    assertThat(metrics).doesNotContain("security=\"unknown\"").doesNotContain("muxer=\"unknown\"");
    String[] promtool = E2e.promtoolCheckMetrics(metrics);
    assertThat(promtool[0]).as("promtool: " + promtool[1]).isEqualTo("0");

    // offline analysis of the recording: plaintext flagged, the TLS connections counted encrypted
    JsonNode report = analyze(dir, events);
    JsonNode plaintext = finding(report.path("findings"), "transport.plaintext");
    assertThat(plaintext.at("/evidence/connections").asLong()).isEqualTo(2);
    assertThat(plaintext.at("/evidence/encryptedConnections").asLong()).isEqualTo(TLS_SIDES + QUIC_SIDES);
    assertThat(report.path("findings").toString()).doesNotContain("transport.unknown-security");
    // the QUIC dial socket's wildcard is no address of the node: no finding, no report names it
    assertThat(report.toString()).doesNotContain("/ip6/0:0:0:0:0:0:0:0/udp/").doesNotContain("/ip4/0.0.0.0/udp/")
        .doesNotContain("/ip6/::/udp/");
  }

  /** The live /metrics, once the agent has reported every connection (bounded wait). */
  static String liveMetrics(String base) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String metrics = "";
    for (int i = 0; i < 100; i++) {
      metrics = http.send(HttpRequest.newBuilder(URI.create(base + "metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      if (sum(metrics, "libp2p_swarm_connections_opened_total", "tcp", "/tls/1.0.0", "/yamux/1.0.0") >= TLS_SIDES
          && sum(metrics, "libp2p_swarm_connections_opened_total", "quic-v1", "/tls/1.0.0", "native") >= QUIC_SIDES
          && sum(metrics, "libp2p_swarm_connections_opened_total", "tcp", "/plaintext/2.0.0", "/yamux/1.0.0") >= 2) {
        break;
      }
      Thread.sleep(200); // the live report is re-analysed at most once a second
    }
    return metrics;
  }

  /** The sum of a counter's samples with these transport, security and muxer labels (any node, direction). */
  static long sum(String metrics, String name, String transport, String security, String muxer) {
    Pattern p = Pattern.compile("^" + name + "\\{([^}]*)} (\\d+)$", Pattern.MULTILINE);
    Matcher m = p.matcher(metrics);
    long total = 0;
    while (m.find()) {
      String labels = m.group(1);
      if (labels.contains("transport=\"" + transport + "\"") && labels.contains("security=\"" + security + "\"")
          && labels.contains("muxer=\"" + muxer + "\"")) {
        total += Long.parseLong(m.group(2));
      }
    }
    return total;
  }

  static JsonNode analyze(Path dir, Path events) throws Exception {
    Path report = dir.resolve("report.json");
    Process analyze = new ProcessBuilder(E2e.currentJava().toString(), "-jar", E2e.AGENT_JAR.toString(),
        "analyze", events.toString(), "--format", "json", "-o", report.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("analyze.txt").toFile()).start();
    assertThat(analyze.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(analyze.exitValue()).as(Files.readString(dir.resolve("analyze.txt"))).isZero();
    return E2e.JSON.readTree(report.toFile());
  }

  static JsonNode finding(JsonNode findings, String id) {
    for (JsonNode f : findings) {
      if (f.path("id").asText().equals(id)) {
        return f;
      }
    }
    throw new AssertionError("no finding " + id + " in " + findings);
  }
}
