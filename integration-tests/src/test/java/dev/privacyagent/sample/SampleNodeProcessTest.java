package dev.privacyagent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs SampleNode in its own JVM and checks the ground truth it prints. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SampleNodeProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exitCode, List<JsonNode> events, String stderr) {
        List<JsonNode> of(String event) {
            return events.stream().filter(e -> event.equals(e.path("event").asText())).toList();
        }
    }

    static Run run(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SampleNode.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.jsonl");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sample node did not exit; stderr: " + Files.readString(err));
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            events.add(parse(line));
        }
        return new Run(p.exitValue(), events, Files.readString(err));
    }

    private static JsonNode parse(String line) throws IOException {
        return JSON.readTree(line);
    }

    @Test
    void fourNodesConnectIdentifyPingAndExitCleanly(@TempDir Path dir) throws Exception {
        Run r = run(dir, "--peers", "4", "--duration", "3s", "--ping-interval", "200ms");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<JsonNode> nodes = r.of("node");
        assertThat(nodes).hasSize(4);
        for (JsonNode n : nodes) {
            assertThat(n.get("peerId").asText()).startsWith("12D3KooW");
            assertThat(n.get("listenAddrs").get(0).asText()).matches("/ip4/127\\.0\\.0\\.1/tcp/[1-9]\\d*");
        }
        assertThat(nodes).extracting(n -> n.get("agentVersion").asText()).anyMatch(a -> a.startsWith("teku/"))
                .anyMatch(a -> a.startsWith("lighthouse/")).contains("jvm/0.1");
        // node i dials node 0 and node i-1: 5 connections, each seen from both sides
        List<JsonNode> conns = r.of("connection");
        assertThat(conns).hasSize(10);
        assertThat(conns).filteredOn(c -> c.get("direction").asText().equals("outbound")).hasSize(5);
        assertThat(conns).extracting(c -> c.get("muxer").asText()).containsOnly("/yamux/1.0.0");
        assertThat(conns).extracting(c -> c.get("security").asText()).contains("/noise", "/plaintext/2.0.0");
        String plaintextNode = nodes.get(3).get("peerId").asText();
        assertThat(conns).filteredOn(c -> c.get("from").asText().equals(plaintextNode))
                .allSatisfy(c -> assertThat(c.get("security").asText()).isEqualTo("/plaintext/2.0.0"));

        List<JsonNode> ids = r.of("identify");
        assertThat(ids).hasSize(5);
        String lighthouse = nodes.get(2).get("peerId").asText();
        assertThat(ids).filteredOn(i -> i.get("to").asText().equals(lighthouse))
                .allSatisfy(i -> assertThat(i.get("listenAddrs").toString()).contains("/ip4/192.168.1.23/tcp/9000"));
        assertThat(r.of("ping")).hasSizeGreaterThan(10).allSatisfy(p -> assertThat(p.get("rttMs").asLong()).isNotNegative());
        assertThat(r.of("stream")).hasSize(5).allSatisfy(s -> assertThat(s.get("ok").asBoolean()).isTrue());
        assertThat(r.of("dial-failed")).extracting(d -> d.get("expected").asText())
                .containsExactlyInAnyOrder("dead-address", "wrong-peer-id");
        assertThat(r.of("error")).isEmpty();
        JsonNode summary = r.of("summary").get(0);
        assertThat(summary.get("pings").asLong()).isEqualTo(r.of("ping").size());
        assertThat(r.events().get(r.events().size() - 1).get("event").asText()).isEqualTo("stopped");
    }

    @Test
    void aTlsNodeSpeaksOnlyTlsAndNoiseNodesKeepNoise(@TempDir Path dir) throws Exception {
        Run r = run(dir, "--peers", "3", "--duration", "5s", "--no-bad-dials", "--security", "noise,noise,tls");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<JsonNode> nodes = r.of("node");
        assertThat(nodes.get(2).get("security").toString()).isEqualTo("[\"/tls/1.0.0\",\"/plaintext/2.0.0\"]");
        assertThat(nodes.get(0).get("security").toString()).isEqualTo("[\"/noise\",\"/tls/1.0.0\",\"/plaintext/2.0.0\"]");
        String tlsNode = nodes.get(2).get("peerId").asText();
        List<JsonNode> conns = r.of("connection");
        assertThat(conns).hasSize(6);
        // node 2 dials nodes 0 and 1: TLS, yamux agreed by ALPN; node 1 -> node 0 stays Noise
        assertThat(conns).filteredOn(c -> c.get("from").asText().equals(tlsNode) || c.get("to").asText().equals(tlsNode))
                .hasSize(4).allSatisfy(c -> {
                    assertThat(c.get("security").asText()).isEqualTo("/tls/1.0.0");
                    assertThat(c.get("muxer").asText()).isEqualTo("/yamux/1.0.0");
                });
        assertThat(conns).filteredOn(c -> !c.get("from").asText().equals(tlsNode) && !c.get("to").asText().equals(tlsNode))
                .hasSize(2).allSatisfy(c -> assertThat(c.get("security").asText()).isEqualTo("/noise"));
        assertThat(r.of("identify")).hasSize(3);
        assertThat(r.of("error")).isEmpty();
    }

    @Test
    void quicNodesAreDialledOverQuicWithTlsAndNoMuxerId(@TempDir Path dir) throws Exception {
        Run r = run(dir, "--peers", "3", "--duration", "5s", "--no-bad-dials", "--transport", "quic,tcp,quic");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<JsonNode> nodes = r.of("node");
        assertThat(nodes.get(0).get("listenAddrs").toString()).matches(".*/udp/\\d+/quic-v1.*").contains("/tcp/");
        assertThat(nodes.get(1).get("listenAddrs").toString()).doesNotContain("quic");
        String quicNode = nodes.get(0).get("peerId").asText();
        List<JsonNode> conns = r.of("connection");
        assertThat(conns).hasSize(6);
        // 1 -> 0 and 2 -> 0 dial node 0's QUIC address; 2 -> 1 stays TCP (node 1 listens on TCP only)
        assertThat(conns).filteredOn(c -> c.get("from").asText().equals(quicNode) || c.get("to").asText().equals(quicNode))
                .hasSize(4).allSatisfy(c -> {
                    assertThat(c.get("transport").asText()).isEqualTo("quic-v1");
                    assertThat(c.get("security").asText()).isEqualTo("/tls/1.0.0");
                    assertThat(c.get("muxer").isNull()).isTrue();
                    assertThat(c.get("remoteAddr").asText()).endsWith("/quic-v1");
                });
        assertThat(conns).filteredOn(c -> c.get("transport").asText().equals("tcp")).hasSize(2)
                .allSatisfy(c -> assertThat(c.get("muxer").asText()).isEqualTo("/yamux/1.0.0"));
        assertThat(r.of("identify")).hasSize(3);
        assertThat(r.of("ping")).isNotEmpty();
        assertThat(r.of("error")).isEmpty();
    }

    @Test
    void strictHeartbeatNodePingsOnTheDotAndOthersJitter(@TempDir Path dir) throws Exception {
        Run r = run(dir, "--peers", "3", "--duration", "4s", "--ping-interval", "200ms", "--no-bad-dials");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.of("dial-failed")).isEmpty();
        String strict = r.of("node").stream().filter(n -> n.get("heartbeat").asText().equals("strict"))
                .findFirst().orElseThrow().get("peerId").asText();
        List<Long> strictGaps = gaps(r, strict);
        assertThat(strictGaps).hasSizeGreaterThanOrEqualTo(8);
        // the same coefficient of variation the timing detector uses: near 0 for a fixed-rate timer
        assertThat(cv(strictGaps)).as("strict gaps %s", strictGaps).isLessThan(0.12);
        assertThat(strictGaps.stream().mapToLong(Long::longValue).average().orElseThrow()).isBetween(180.0, 220.0);
        String jittered = r.of("node").get(2).get("peerId").asText();
        List<Long> jitterGaps = gaps(r, jittered);
        assertThat(jitterGaps).hasSizeGreaterThanOrEqualTo(6);
        assertThat(cv(jitterGaps)).as("jittered gaps %s", jitterGaps).isGreaterThan(0.12);
    }

    private static double cv(List<Long> xs) {
        double mean = xs.stream().mapToLong(Long::longValue).average().orElseThrow();
        double var = xs.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / xs.size();
        return Math.sqrt(var) / mean;
    }

    /** Gaps between consecutive ping sends of one node on one connection, in ms. */
    private static List<Long> gaps(Run r, String from) {
        java.util.Map<String, List<Long>> byConn = new java.util.TreeMap<>();
        for (JsonNode p : r.of("ping")) {
            if (p.get("from").asText().equals(from)) {
                byConn.computeIfAbsent(p.get("to").asText(), k -> new ArrayList<>()).add(p.get("sentAtMs").asLong());
            }
        }
        List<Long> gaps = new ArrayList<>();
        for (List<Long> sends : byConn.values()) {
            java.util.Collections.sort(sends);
            for (int i = 1; i < sends.size(); i++) {
                gaps.add(sends.get(i) - sends.get(i - 1));
            }
        }
        return gaps;
    }

    @Test
    void badArgumentsAndMissingJsPackagesAreClearErrors(@TempDir Path dir) throws Exception {
        Run peers = run(dir, "--peers", "0");
        assertThat(peers.exitCode()).isEqualTo(2);
        assertThat(peers.stderr()).contains("--peers must be between 1 and 500");
        Run duration = run(dir, "--duration", "soon");
        assertThat(duration.exitCode()).isEqualTo(2);
        assertThat(duration.stderr()).contains("invalid duration 'soon'");
        Run security = run(dir, "--security", "noise,quic");
        assertThat(security.exitCode()).isEqualTo(2);
        assertThat(security.stderr()).contains("unknown security 'quic' (noise or tls)");
        Run transport = run(dir, "--transport", "tcp,udp");
        assertThat(transport.exitCode()).isEqualTo(2);
        assertThat(transport.stderr()).contains("unknown transport 'udp' (tcp or quic)");
        Path js = Files.createDirectories(dir.resolve("js"));
        Files.writeString(js.resolve("peer.mjs"), "// placeholder");
        Run noModules = run(dir, "--js-peers", "1", "--js-dir", js.toString());
        assertThat(noModules.exitCode()).isEqualTo(2);
        assertThat(noModules.stderr()).contains("npm ci --prefix");
    }
}
