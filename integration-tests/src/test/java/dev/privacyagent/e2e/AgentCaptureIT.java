package dev.privacyagent.e2e;

import static dev.privacyagent.e2e.E2e.ofType;
import static dev.privacyagent.e2e.E2e.truthOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sample-node.jar (3 JVM nodes and a js-libp2p peer) under {@code -javaagent}: what the agent
 * captured must equal what the nodes and the js peer themselves printed as ground truth.
 */
class AgentCaptureIT {

  static Stream<Arguments> jdks() {
    return Stream.of(Arguments.of("17", E2e.JDK17), Arguments.of("25", E2e.JDK25));
  }

  @ParameterizedTest(name = "JDK {0}")
  @MethodSource("jdks")
  void capturedEventsMatchGroundTruth(String name, Path jdk) throws Exception {
    Path dir = E2e.dir("capture-jdk" + name);
    Path events = dir.resolve("events.jsonl");
    E2e.Proc p =
        E2e.Proc.start(
            E2e.javaOf(jdk),
            List.of(E2e.agentArg("port=0,summaryInterval=0,events=" + events)),
            List.of("--peers=3", "--js-peers=1", "--duration=8s", "--ping-interval=500ms"),
            dir);
    // while the node runs, the report server the agent started serves what it captures
    p.awaitStderr("[privacy-agent] report at http://127.0.0.1:", 60);
    java.util.regex.Matcher url = java.util.regex.Pattern
        .compile("report at (http://127\\.0\\.0\\.1:\\d+/)").matcher(p.stderr());
    assertThat(url.find()).isTrue();
    p.awaitTruth(t -> t.path("event").asText().equals("identify"), 3, 60);
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String peers = "";
    for (int i = 0; i < 50 && !peers.contains("12D3KooW"); i++) {
      Thread.sleep(200); // the live report is re-analysed at most once a second
      peers = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url.group(1) + "api/peers")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
    for (JsonNode n : truthOf(p.truth(), "node")) {
      if (!n.get("index").asText().equals("0")) {
        assertThat(peers).contains(n.get("peerId").asText());
      }
    }
    // the live agent's /metrics, on what it has captured so far, is clean for promtool
    String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url.group(1) + "metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("libp2p_swarm_connections_opened_total{").contains("libp2p_privacy_risk_score");
    String[] promtool = E2e.promtoolCheckMetrics(metrics);
    assertThat(promtool[1]).as("promtool output").isBlank();
    assertThat(promtool[0]).as("promtool exit code; output:\n" + promtool[1]).isEqualTo("0");
    // malformed targets (any web page can send them with an <img>) are a 400, never a stack trace
    // in the application's stderr
    int port = java.net.URI.create(url.group(1)).getPort();
    for (String target : List.of("/api/events?since=%zz", "/api/events?%zz=1", "/%zz", "/%")) {
      try (java.net.Socket sock = new java.net.Socket("127.0.0.1", port)) {
        sock.setSoTimeout(10_000);
        sock.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
            + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String status = new String(sock.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(status).as(target).isEqualTo("HTTP/1.1 400");
      }
    }
    assertThat(p.await(120)).as(p.stderr()).isZero();
    List<JsonNode> truth = p.truth();
    List<JsonNode> ev = E2e.jsonLines(events);
    String err = p.stderr();

    // the agent ran cleanly and said where the report is
    assertThat(err).contains("[privacy-agent] jvm-libp2p found; capturing");
    assertThat(err).containsPattern("\\[privacy-agent] report at http://127\\.0\\.0\\.1:\\d+/");
    assertThat(err).contains("agent-errors=0").doesNotContain("ERROR");
    assertThat(err).doesNotContain("\tat ").doesNotContain("SEVERE").doesNotContain("%zz");
    // the JVM may warn about the application's own Netty (JDK 24+ Unsafe notice), never about ours
    assertThat(err.lines().filter(l -> l.startsWith("WARNING") && l.contains("dev.privacyagent"))).isEmpty();
    assertThat(err).contains("libp2p privacy report");

    // hosts and listen addresses (bound port, not /tcp/0)
    List<JsonNode> nodes = truthOf(truth, "node");
    Set<String> expectedListen = new TreeSet<>();
    Set<String> nodeIds = new HashSet<>();
    for (JsonNode n : nodes) {
      nodeIds.add(n.get("peerId").asText());
      n.get("listenAddrs").forEach(a -> expectedListen.add(n.get("peerId").asText() + " " + a.asText()));
    }
    assertThat(nodes).hasSize(3);
    assertThat(ofType(ev, "HostCreated")).extracting(e -> e.get("peerId").asText())
        .containsExactlyInAnyOrderElementsOf(nodeIds);
    assertThat(ofType(ev, "ListenStarted")).extracting(e -> e.get("node").asText() + " " + e.get("localAddr").asText())
        .containsExactlyInAnyOrderElementsOf(expectedListen)
        .noneMatch(s -> s.endsWith("/tcp/0"));

    // every connection: count, direction, remote peer id, addresses, security and muxer
    List<String> expectedConns = new ArrayList<>();
    for (JsonNode c : truthOf(truth, "connection")) {
      expectedConns.add(String.join(" ", c.get("from").asText(), c.get("to").asText(),
          c.get("direction").asText().toUpperCase(), c.get("localAddr").asText(), c.get("remoteAddr").asText(),
          c.get("security").asText(), c.get("muxer").asText()));
    }
    List<String> capturedConns = new ArrayList<>();
    for (JsonNode c : ofType(ev, "ConnectionOpened")) {
      capturedConns.add(String.join(" ", c.get("node").asText(), c.get("remotePeerId").asText(),
          c.get("direction").asText(), c.get("localAddr").asText(), c.get("remoteAddr").asText(),
          c.get("security").asText(), c.get("muxer").asText()));
      assertThat(c.path("transport").asText()).isEqualTo("tcp");
      assertThat(c.path("preexisting").asBoolean(false)).isFalse();
    }
    assertThat(expectedConns).hasSizeGreaterThanOrEqualTo(7); // 3 JVM-JVM connections x 2 sides + js
    assertThat(capturedConns).containsExactlyInAnyOrderElementsOf(expectedConns);
    assertThat(capturedConns).anyMatch(c -> c.contains("/noise"));
    assertThat(ofType(ev, "ConnectionClosed")).hasSameSizeAs(capturedConns);

    // the js peer as the js peer itself and identify describe it
    JsonNode jsListening = truth.stream()
        .filter(t -> t.path("event").asText().equals("js") && t.path("data").path("event").asText().equals("listening"))
        .findFirst().orElseThrow().get("data");
    String jsPeer = jsListening.get("peerId").asText();
    assertThat(capturedConns).anyMatch(c -> c.contains(" " + jsPeer + " OUTBOUND"));

    // identify: what each node learnt, including the js peer's real agentVersion and protocols
    List<JsonNode> ids = truthOf(truth, "identify");
    assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
    List<JsonNode> received = ofType(ev, "IdentifyReceived");
    assertThat(received).hasSameSizeAs(ids);
    for (JsonNode t : ids) {
      JsonNode r = received.stream()
          .filter(e -> e.get("node").asText().equals(t.get("from").asText())
              && e.get("remotePeerId").asText().equals(t.get("to").asText()))
          .findFirst().orElseThrow(() -> new AssertionError("no IdentifyReceived for " + t));
      assertThat(r.get("agentVersion").asText()).isEqualTo(t.get("agentVersion").asText());
      assertThat(r.get("protocolVersion").asText()).isEqualTo(t.get("protocolVersion").asText());
      assertThat(texts(r.get("protocols"))).containsExactlyInAnyOrderElementsOf(texts(t.get("protocols")));
      assertThat(texts(r.get("listenAddrs"))).containsExactlyInAnyOrderElementsOf(texts(t.get("listenAddrs")));
      assertThat(r.get("observedAddr").asText()).isEqualTo(t.get("observedAddr").asText());
    }
    assertThat(received).anySatisfy(r -> {
      assertThat(r.get("remotePeerId").asText()).isEqualTo(jsPeer);
      assertThat(r.get("agentVersion").asText()).startsWith("js-libp2p/");
    });
    // what our JVM nodes disclosed to each other (the js peer's side is not a JVM)
    assertThat(ofType(ev, "IdentifySent")).hasSize(ids.size() - (int) ids.stream()
        .filter(t -> t.get("to").asText().equals(jsPeer)).count());

    // streams: every one opened is closed, each negotiated protocol seen
    assertThat(ofType(ev, "StreamClosed")).hasSameSizeAs(ofType(ev, "StreamOpened"));
    assertThat(ofType(ev, "ProtocolNegotiated")).extracting(e -> e.get("protocolId").asText())
        .contains("/echo/1.0.0", "/ipfs/id/1.0.0", "/ipfs/ping/1.0.0");

    // pings: one RTT per ping the nodes measured
    List<JsonNode> pings = truthOf(truth, "ping");
    assertThat(pings).isNotEmpty();
    assertThat(ofType(ev, "PingRtt")).hasSameSizeAs(pings)
        .allSatisfy(e -> assertThat(e.get("rttNanos").asLong()).isGreaterThanOrEqualTo(0));

    // dial failures for the dead address and the wrong peer id
    for (JsonNode f : truthOf(truth, "dial-failed")) {
      assertThat(ofType(ev, "DialFailed"))
          .as(f.get("expected").asText())
          .anySatisfy(d -> {
            assertThat(d.get("addr").asText()).isEqualTo(f.get("addr").asText());
            assertThat(d.get("errorClass").asText()).isEqualTo(f.get("errorClass").asText());
            assertThat(d.get("node").asText()).isEqualTo(f.get("from").asText());
          });
    }
    assertThat(truthOf(truth, "dial-failed")).extracting(f -> f.get("expected").asText())
        .contains("dead-address", "wrong-peer-id");

    // the recorded file is what the offline analysis reads, strictly
    Path report = dir.resolve("report.json");
    Process analyze = new ProcessBuilder(E2e.currentJava().toString(), "-jar", E2e.AGENT_JAR.toString(),
        "analyze", events.toString(), "--format", "json", "-o", report.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("analyze.txt").toFile()).start();
    assertThat(analyze.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(analyze.exitValue()).as(java.nio.file.Files.readString(dir.resolve("analyze.txt"))).isZero();
    assertThat(E2e.JSON.readTree(report.toFile()).path("riskScore").isNumber()).isTrue();
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
