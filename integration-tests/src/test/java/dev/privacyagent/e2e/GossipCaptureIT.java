package dev.privacyagent.e2e;

import static dev.privacyagent.e2e.E2e.ofType;
import static dev.privacyagent.e2e.E2e.truthOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The agent on the Ethereum-like gossip workload ({@link GossipWorkload}, four test-host nodes in
 * one JVM): what it captures matches the workload's ground truth, on JDK 17 and JDK 25.
 */
class GossipCaptureIT {

  @Test
  void captureMatchesTheGroundTruthOnJdk17() throws Exception {
    run(E2e.JDK17, "17");
  }

  @Test
  void captureMatchesTheGroundTruthOnJdk25() throws Exception {
    run(E2e.JDK25, "25");
  }

  /**
   * Fault injection: every gossip event throws inside the agent (after the hooks and the
   * listener read what they read). Every message still reaches every subscriber it should.
   */
  @Test
  void aDispatcherThatThrowsOnEveryGossipEventChangesNothingForTheNetwork() throws Exception {
    Path dir = E2e.dir("gossip-fault");
    E2e.Proc p = E2e.Proc.startMain(E2e.javaOf(E2e.JDK17),
        List.of(E2e.agentArg("faultInjection=throw,port=-1,summaryInterval=0,report=true,gossipMessages=all")),
        GossipWorkload.class, List.of("rounds=8", "interval=200"), dir);
    assertThat(p.await(120)).as(p.stderr()).isZero();
    List<JsonNode> truth = p.truth();
    assertThat(truthOf(truth, "publish")).hasSize(24).allSatisfy(t -> assertThat(t.get("ok").asBoolean()).isTrue());
    // every node that stays subscribed to a topic got every other node's message on it
    for (JsonNode d : truthOf(truth, "delivered")) {
      String node = d.get("node").asText();
      String topic = d.get("topic").asText();
      long expected = truthOf(truth, "publish").stream()
          .filter(t -> t.get("topic").asText().equals(topic) && !t.get("node").asText().equals(node))
          .count();
      if (finalTopics(truth, node).contains(topic)) {
        assertThat(d.get("count").asLong()).as(node + " " + topic).isEqualTo(expected);
      }
    }
    String err = p.stderr();
    assertThat(err).contains("fault injection on");
    long errors = Long.parseLong(err.lines().filter(l -> l.contains("summary:")).reduce((a, b) -> b)
        .orElseThrow().replaceAll(".*agent-errors=(\\d+).*", "$1"));
    assertThat(errors).as("the throws happened and were counted").isGreaterThan(200);
    assertThat(err).doesNotContain("privacy-agent fault injection (gossip)\n\tat");
  }

  /**
   * Attach in the middle of a gossip run: the routers already running are found, their
   * subscriptions, meshes and peers' topics reported once as pre-existing, and what follows is
   * captured as under -javaagent.
   */
  @Test
  void attachFindsTheLiveRoutersAndCapturesWhatFollows() throws Exception {
    Path dir = E2e.dir("gossip-attach");
    Path events = dir.resolve("events.jsonl");
    E2e.Proc p = E2e.Proc.startMain(E2e.javaOf(E2e.JDK17), List.of(), GossipWorkload.class,
        List.of("rounds=10", "interval=200", "go=" + dir.resolve("go")), dir);
    try {
      p.awaitTruth(t -> t.path("event").asText().equals("ready"), 1, 60);
      AttachIT.Cli cli = AttachIT.cli(dir, "attach", Long.toString(p.pid()), "port=-1", "summaryInterval=0",
          "report=false", "gossipMessages=all", "gossipInterval=1s", "events=" + events);
      assertThat(cli.exit()).as(cli.err()).isZero();
      p.awaitStderr("[privacy-agent] attached; hooks installed", 30);
      java.nio.file.Files.createFile(dir.resolve("go"));
      assertThat(p.await(120)).as(p.stderr()).isZero();
    } finally {
      p.kill();
    }
    List<JsonNode> truth = p.truth();
    List<JsonNode> ev = E2e.jsonLines(events);
    assertThat(ofType(ev, "GossipRouterCreated")).hasSize(4)
        .allSatisfy(e -> assertThat(e.get("preexisting").asBoolean()).isTrue());
    // subscriptions made before the attach come once, as pre-existing: the set the node had then
    int ready = truth.indexOf(truthOf(truth, "ready").get(0));
    for (JsonNode n : truthOf(truth, "node")) {
      String node = n.get("peerId").asText();
      assertThat(ofType(ev, "GossipLocalSubscription").stream()
              .filter(e -> e.get("node").asText().equals(node) && e.path("preexisting").asBoolean())
              .map(e -> e.get("topic").asText()).toList())
          .containsExactlyInAnyOrderElementsOf(finalTopics(truth.subList(0, ready), node));
    }
    assertThat(ofType(ev, "GossipMeshChange")).anySatisfy(e -> assertThat(e.path("preexisting").asBoolean()).isTrue());
    assertThat(ofType(ev, "GossipPeerSubscription"))
        .anySatisfy(e -> assertThat(e.path("preexisting").asBoolean()).isTrue());
    assertCaptureMatches(truth, ev, true);
  }

  private static void run(Path jdk, String name) throws Exception {
    Path dir = E2e.dir("gossip-jdk" + name);
    Path events = dir.resolve("events.jsonl");
    E2e.Proc p = E2e.Proc.startMain(E2e.javaOf(jdk),
        List.of(E2e.agentArg("port=-1,summaryInterval=0,report=false,gossipMessages=all,gossipInterval=1s,events="
            + events)),
        GossipWorkload.class, List.of("rounds=12", "interval=200"), dir);
    assertThat(p.await(120)).as(p.stderr()).isZero();
    List<JsonNode> truth = p.truth();
    List<JsonNode> ev = E2e.jsonLines(events);
    assertThat(truthOf(truth, "done")).as("the workload finished").hasSize(1);
    String err = p.stderr();
    assertThat(err).contains("agent-errors=0");
    assertCaptureMatches(truth, ev, false);
  }

  /**
   * What the agent captured is what the workload did. After an attach ({@code attached}), the
   * subscriptions from before it come as a pre-existing set, checked by the caller.
   */
  static void assertCaptureMatches(List<JsonNode> truth, List<JsonNode> ev, boolean attached) {
    int ready = truth.indexOf(truthOf(truth, "ready").get(0));
    // after an attach: the messages of the rounds, not of the warm-up that woke the routers
    long rounds = truthOf(truth, "rounds").get(0).get("wallMillis").asLong();
    ev = attached
        ? ev.stream().filter(e -> !List.of("GossipPublish", "GossipMessageReceived").contains(e.path("type").asText())
            || e.get("wallMillis").asLong() >= rounds).toList()
        : ev;
    Map<String, String> roles = new HashMap<>();
    for (JsonNode n : truthOf(truth, "node")) {
      roles.put(n.get("peerId").asText(), n.get("role").asText());
    }
    assertThat(ofType(ev, "GossipRouterCreated")).extracting(e -> e.get("node").asText())
        .containsExactlyInAnyOrderElementsOf(roles.keySet());
    assertThat(ev).filteredOn(e -> e.path("type").asText().startsWith("Gossip"))
        .allSatisfy(e -> assertThat(roles).containsKey(e.get("node").asText()));

    // our subscriptions, in order, per node
    for (String node : roles.keySet()) {
      List<String> expected = new ArrayList<>();
      for (JsonNode t : attached ? truth.subList(ready, truth.size()) : truth) {
        String kind = t.path("event").asText();
        if ((kind.equals("subscribe") || kind.equals("unsubscribe")) && t.get("node").asText().equals(node)) {
          expected.add(kind + " " + t.get("topic").asText());
        }
      }
      List<String> seen = new ArrayList<>();
      for (JsonNode e : ofType(ev, "GossipLocalSubscription")) {
        if (e.get("node").asText().equals(node) && !e.path("preexisting").asBoolean()) {
          seen.add((e.path("subscribed").asBoolean() ? "subscribe " : "unsubscribe ") + e.get("topic").asText());
        }
      }
      assertThat(seen).as("subscriptions of the " + roles.get(node) + " node").isEqualTo(expected);
    }

    // every publish, per node and topic, each sent to at least one peer directly
    assertThat(count(ofType(ev, "GossipPublish"), "node", "topic"))
        .isEqualTo(count(truthOf(truth, "publish"), "node", "topic"));
    assertThat(ofType(ev, "GossipPublish")).allSatisfy(e -> {
      assertThat(e.get("recipients").asLong()).isPositive();
      assertThat(e.get("recipientPeers").size()).isEqualTo(e.get("recipients").asInt());
      assertThat(e.has("errorClass")).isFalse();
    });

    // deliveries: the first copies per node and topic are what the subscribers got
    Map<String, Long> delivered = new TreeMap<>();
    for (JsonNode t : truthOf(truth, "delivered")) {
      delivered.put(t.get("node").asText() + " " + t.get("topic").asText(), t.get("count").asLong());
    }
    Map<String, Long> firstCopies = new TreeMap<>();
    for (JsonNode e : ofType(ev, "GossipMessageReceived")) {
      if (e.path("first").asBoolean()) {
        assertThat(e.get("validation").asText()).isEqualTo("VALID");
        firstCopies.merge(e.get("node").asText() + " " + e.get("topic").asText(), 1L, Long::sum);
      }
    }
    assertThat(firstCopies).isEqualTo(delivered);
    Map<String, Long> statsFirst = new TreeMap<>();
    long duplicates = 0;
    for (JsonNode e : ofType(ev, "GossipTopicStats")) {
      if (e.path("firstDeliveries").asLong() > 0) {
        statsFirst.merge(e.get("node").asText() + " " + e.get("topic").asText(),
            e.get("firstDeliveries").asLong(), Long::sum);
      }
      duplicates += e.path("duplicates").asLong();
    }
    if (!attached) { // the stats of an attached run also hold the warm-up's deliveries
      assertThat(statsFirst).as("the interval stats count the same first copies").isEqualTo(delivered);
    }
    assertThat(attached ? 0 : duplicates).as("relays send copies that arrive twice")
        .isEqualTo(attached ? 0
            : ofType(ev, "GossipMessageReceived").stream().filter(e -> !e.path("first").asBoolean()).count());

    // meshes: the changes the agent saw add up to each router's mesh at the end
    Map<String, Set<String>> meshes = new TreeMap<>();
    for (JsonNode e : ofType(ev, "GossipMeshChange")) {
      Set<String> m = meshes.computeIfAbsent(e.get("node").asText() + " " + e.get("topic").asText(),
          k -> new TreeSet<>());
      if (e.path("added").asBoolean()) {
        m.add(e.get("peerId").asText());
      } else {
        m.remove(e.get("peerId").asText());
      }
    }
    for (JsonNode t : truthOf(truth, "mesh")) {
      Set<String> expected = new TreeSet<>();
      t.get("peers").forEach(x -> expected.add(x.asText()));
      String key = t.get("node").asText() + " " + t.get("topic").asText();
      assertThat(meshes.getOrDefault(key, Set.of())).as("mesh " + key).isEqualTo(expected);
    }
    // a peer's announced topics at the end are what it subscribed to
    Map<String, Set<String>> announced = new TreeMap<>();
    for (JsonNode e : ofType(ev, "GossipPeerSubscription")) {
      Set<String> s = announced.computeIfAbsent(e.get("node").asText() + " " + e.get("peerId").asText(),
          k -> new TreeSet<>());
      if (e.path("subscribed").asBoolean()) {
        s.add(e.get("topic").asText());
      } else {
        s.remove(e.get("topic").asText());
      }
    }
    for (String node : roles.keySet()) {
      for (String peer : roles.keySet()) {
        if (!peer.equals(node)) {
          assertThat(announced.get(node + " " + peer)).as(node + " sees " + peer + "'s topics")
              .isEqualTo(finalTopics(truth, peer));
        }
      }
    }
    // the gossip streams of an attached run were negotiated before the agent came
    assertThat(ofType(ev, "GossipPeerProtocol")).hasSize(attached ? 0 : 4 * 3 * 2)
        .allSatisfy(e -> assertThat(e.get("protocolId").asText()).isEqualTo("/meshsub/1.2.0"));
  }

  static Set<String> finalTopics(List<JsonNode> truth, String node) {
    Set<String> s = new TreeSet<>();
    for (JsonNode t : truth) {
      if (t.path("node").asText().equals(node)) {
        if (t.path("event").asText().equals("subscribe")) {
          s.add(t.get("topic").asText());
        } else if (t.path("event").asText().equals("unsubscribe")) {
          s.remove(t.get("topic").asText());
        }
      }
    }
    return s;
  }

  static Map<String, Long> count(List<JsonNode> lines, String a, String b) {
    Map<String, Long> m = new TreeMap<>();
    for (JsonNode l : lines) {
      m.merge(l.get(a).asText() + " " + l.get(b).asText(), 1L, Long::sum);
    }
    return m;
  }
}
