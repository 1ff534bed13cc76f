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
    assertCaptureMatches(truth, ev);
  }

  /** Shared with the attach test: everything after {@code from} in the truth, as the agent saw it. */
  static void assertCaptureMatches(List<JsonNode> truth, List<JsonNode> ev) {
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
      for (JsonNode t : truth) {
        String kind = t.path("event").asText();
        if ((kind.equals("subscribe") || kind.equals("unsubscribe")) && t.get("node").asText().equals(node)) {
          expected.add(kind + " " + t.get("topic").asText());
        }
      }
      List<String> seen = new ArrayList<>();
      for (JsonNode e : ofType(ev, "GossipLocalSubscription")) {
        if (e.get("node").asText().equals(node)) {
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
    assertThat(statsFirst).as("the interval stats count the same first copies").isEqualTo(delivered);
    assertThat(duplicates).as("relays send copies that arrive twice")
        .isEqualTo(ofType(ev, "GossipMessageReceived").stream().filter(e -> !e.path("first").asBoolean()).count());

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
    assertThat(ofType(ev, "GossipPeerProtocol")).isNotEmpty()
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
