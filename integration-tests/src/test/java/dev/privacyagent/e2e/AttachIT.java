package dev.privacyagent.e2e;

import static dev.privacyagent.e2e.E2e.ofType;
import static dev.privacyagent.e2e.E2e.truthOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java -jar privacy-agent.jar attach <pid>} into a running sample node: connections open
 * before the attach appear once as pre-existing, activity after it is captured, a second attach
 * changes nothing.
 */
class AttachIT {

  record Cli(int exit, String out, String err) {}

  static Cli cli(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(E2e.currentJava().toString(), "-jar", E2e.AGENT_JAR.toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "cli", ".out");
    Path err = Files.createTempFile(dir, "cli", ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("attach command hung");
    }
    return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static Stream<Arguments> jdks() {
    return Stream.of(Arguments.of("17", E2e.JDK17), Arguments.of("25", E2e.JDK25));
  }

  @ParameterizedTest(name = "target on JDK {0}")
  @MethodSource("jdks")
  void attachReportsPreexistingConnectionsOnceAndCapturesWhatFollows(String name, Path jdk) throws Exception {
    Path dir = E2e.dir("attach-jdk" + name);
    Path events = dir.resolve("events.jsonl");
    String[] newcomerHolder = new String[1];
    E2e.Proc node =
        E2e.Proc.start(
            E2e.javaOf(jdk),
            List.of(),
            List.of("--peers=3", "--duration=25s", "--ping-interval=300ms", "--stream-interval=500ms",
                "--no-bad-dials"),
            dir);
    try {
      // 3 dialled connections, seen from both ends: 6 connection objects in the JVM
      node.awaitTruth(t -> t.path("event").asText().equals("connection"), 6, 60);
      long attachStart = System.nanoTime();
      Cli first = cli(dir, "attach", Long.toString(node.pid()), "port=-1", "summaryInterval=0",
          "events=" + events);
      assertThat(first.exit()).as(first.err()).isZero();
      assertThat(first.out()).contains("attached to pid " + node.pid());
      if (name.equals("25")) {
        // JDK 21+: the command explains the JVM's dynamic-agent warning, which the target prints
        assertThat(first.err()).contains("-XX:+EnableDynamicAgentLoading");
        node.awaitStderr("A Java agent has been loaded dynamically", 30);
      } else {
        assertThat(first.err()).doesNotContain("EnableDynamicAgentLoading");
      }
      node.awaitStderr("[privacy-agent] attached; hooks installed", 30);

      long firstEventNanos = -1;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (System.nanoTime() < deadline) {
        if (firstEventNanos < 0 && !E2e.jsonLines(events).isEmpty()) {
          firstEventNanos = System.nanoTime() - attachStart;
        }
        if (ofType(E2e.jsonLines(events), "ConnectionOpened").size() >= 6) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(firstEventNanos).as("an event within 15 s of the attach").isPositive();
      System.out.printf("JDK %s attach-to-first-event: %d ms (incl. the attach command's own JVM start)%n",
          name, firstEventNanos / 1_000_000);

      // a connection made after the attach: another process dials node 0 of the attached JVM
      JsonNode node0 = truthOf(node.truth(), "node").get(0);
      String node0Addr = node0.get("listenAddrs").get(0).asText() + "/p2p/" + node0.get("peerId").asText();
      Path newcomerDir = E2e.dir("attach-newcomer-jdk" + name);
      E2e.Proc newcomer = E2e.Proc.start(E2e.currentJava(), List.of(),
          List.of("--peers=1", "--dial=" + node0Addr, "--duration=3s", "--no-bad-dials"), newcomerDir);
      assertThat(newcomer.await(60)).as(newcomer.stderr()).isZero();
      newcomerHolder[0] = truthOf(newcomer.truth(), "node").get(0).get("peerId").asText();

      Cli second = cli(dir, "attach", Long.toString(node.pid()), "port=-1");
      assertThat(second.exit()).as(second.err()).isZero();
      node.awaitStderr("already active in this JVM", 30);

      assertThat(node.await(90)).as(node.stderr()).isZero();
    } finally {
      node.kill();
    }
    List<JsonNode> ev = E2e.jsonLines(events);
    List<JsonNode> truth = node.truth();
    String newcomerId = newcomerHolder[0];

    // every connection that was open at attach, exactly once, as pre-existing
    Set<String> expected = new HashSet<>();
    for (JsonNode c : truthOf(truth, "connection")) {
      if (c.get("to").asText().equals(newcomerId)) {
        continue; // the newcomer's connection, checked above
      }
      expected.add(c.get("from").asText() + " " + c.get("to").asText() + " "
          + c.get("direction").asText().toUpperCase() + " " + c.get("localAddr").asText() + " "
          + c.get("remoteAddr").asText());
    }
    List<JsonNode> opened = ofType(ev, "ConnectionOpened");
    // the newcomer's connection is new, seen opening after the attach, not pre-existing
    List<JsonNode> fresh = opened.stream().filter(c -> !c.path("preexisting").asBoolean(false)).toList();
    assertThat(fresh).singleElement().satisfies(c -> {
      assertThat(c.get("remotePeerId").asText()).isEqualTo(newcomerId);
      assertThat(c.get("direction").asText()).isEqualTo("INBOUND");
      assertThat(c.get("security").asText()).isNotEmpty();
      assertThat(c.get("muxer").asText()).isEqualTo("/yamux/1.0.0");
    });
    opened = opened.stream().filter(c -> c.path("preexisting").asBoolean(false)).toList();
    List<String> captured = new ArrayList<>();
    Set<String> connIds = new HashSet<>();
    for (JsonNode c : opened) {
      captured.add(c.get("node").asText() + " " + c.get("remotePeerId").asText() + " "
          + c.get("direction").asText() + " " + c.get("localAddr").asText() + " "
          + c.get("remoteAddr").asText());
      connIds.add(c.get("node").asText() + "/" + c.get("connId").asText());
    }
    assertThat(captured).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(connIds).hasSize(expected.size());
    // hosts are found at their next call: nodes 1 and 2 dial, ping and open streams all the time;
    // node 0 only accepts and may show up no earlier than its stop()
    List<JsonNode> nodes = truthOf(truth, "node");
    Set<String> dialers = Set.of(nodes.get(1).get("peerId").asText(), nodes.get(2).get("peerId").asText());
    Set<String> all = new HashSet<>();
    Set<String> listen = new HashSet<>();
    for (JsonNode n : nodes) {
      all.add(n.get("peerId").asText());
      n.get("listenAddrs").forEach(a -> listen.add(n.get("peerId").asText() + " " + a.asText()));
    }
    List<String> hosts = ofType(ev, "HostCreated").stream().map(h -> h.get("peerId").asText()).toList();
    assertThat(hosts).doesNotHaveDuplicates().containsAll(dialers);
    assertThat(all).containsAll(hosts);
    List<String> listening = ofType(ev, "ListenStarted").stream()
        .map(l -> l.get("node").asText() + " " + l.get("localAddr").asText()).toList();
    assertThat(listen).containsAll(listening);
    assertThat(listening).doesNotHaveDuplicates()
        .anyMatch(l -> l.startsWith(nodes.get(1).get("peerId").asText()))
        .anyMatch(l -> l.startsWith(nodes.get(2).get("peerId").asText()));

    // what happened after the attach is captured on those connections, and they close once each
    assertThat(ofType(ev, "PingRtt")).isNotEmpty()
        .allSatisfy(p -> assertThat(connIds).contains(p.get("node").asText() + "/" + p.get("connId").asText()));
    assertThat(ofType(ev, "StreamOpened")).isNotEmpty();
    assertThat(ofType(ev, "ProtocolNegotiated")).extracting(e -> e.get("protocolId").asText()).contains("/echo/1.0.0");
    assertThat(ofType(ev, "ConnectionClosed")).hasSize(expected.size() + 1);
    assertThat(node.stderr()).contains("agent-errors=0");
  }

  @Test
  void attachRefusesAnUnknownTargetAndBadSettingsBeforeTouchingAnything() throws Exception {
    Path dir = E2e.dir("attach-errors");
    Cli none = cli(dir, "attach", "no-such-main-class-anywhere");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("no JVM of this user has a main class or jar containing");
    Cli bad = cli(dir, "attach", "1", "port=http");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("bad value 'http' from agent argument 'port'");
  }
}
