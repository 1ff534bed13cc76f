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
    assertThat(truthOf(truth, "publish")).hasSize(8 * 3 + 6).allSatisfy(t -> assertThat(t.get("ok").asBoolean()).isTrue());
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
        List.of("rounds=10", "interval=200", "go=" + dir.resolve("go"), "js=" + E2e.JS_DIR), dir);
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
    Path classes = dir.resolve("class-load.txt");
    E2e.Proc p = E2e.Proc.startMain(E2e.javaOf(jdk),
        List.of(E2e.agentArg("port=-1,summaryInterval=0,report=false,gossipMessages=all,gossipInterval=1s,events="
            + events), "-Xlog:class+load=info:file=" + classes),
        GossipWorkload.class, List.of("rounds=12", "interval=200", "js=" + E2e.JS_DIR), dir);
    assertThat(p.await(120)).as(p.stderr()).isZero();
    List<JsonNode> truth = p.truth();
    List<JsonNode> ev = E2e.jsonLines(events);
    assertThat(truthOf(truth, "done")).as("the workload finished").hasSize(1);
    assertThat(truthOf(truth, "js-peer")).as("the js peer took part").hasSize(1);
    String err = p.stderr();
    assertThat(err).contains("agent-errors=0");
    assertThat(err).as("every validation result was learned").contains("gossip-validation-unknown=0");
    assertCaptureMatches(truth, ev, false);
    // the fast paths are the ones the host's own classes got: the generated listener and reads,
    // defined next to the host's pubsub types (else the agent would read by reflection, silently)
    String loaded = java.nio.file.Files.readString(classes);
    assertThat(loaded).as("the generated listener").containsPattern("io\\.libp2p\\.pubsub\\.gossip\\.PrivacyAgentGossipListener\\$");
    assertThat(loaded).as("the generated reads").containsPattern("io\\.libp2p\\.pubsub\\.PrivacyAgentGossipReads\\$");
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
    Map<String, Long> results = new TreeMap<>();
    for (JsonNode e : ofType(ev, "GossipMessageReceived")) {
      if (e.path("first").asBoolean()) {
        if (e.get("topic").asText().equals(GossipWorkload.VALIDATION)) {
          results.merge(e.get("node").asText() + " " + e.get("validation").asText(), 1L, Long::sum);
        } else {
          assertThat(e.get("validation").asText()).isEqualTo("VALID");
        }
        firstCopies.merge(e.get("node").asText() + " " + e.get("topic").asText(), 1L, Long::sum);
      }
    }
    assertThat(firstCopies).isEqualTo(delivered);
    // each first copy with the result its subscriber gave, at once or later, Ignore included
    Map<String, Long> answered = new TreeMap<>();
    for (JsonNode t : truthOf(truth, "validated")) {
      answered.put(t.get("node").asText() + " " + t.get("result").asText().toUpperCase(java.util.Locale.ROOT),
          t.get("count").asLong());
    }
    assertThat(answered.keySet().stream().map(k -> k.substring(k.indexOf(' ') + 1)).distinct().sorted())
        .as("the workload asked for every result").containsExactly("IGNORE", "INVALID", "VALID");
    assertThat(results).as("validation results of the first copies").isEqualTo(answered);
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
    boolean js = !truthOf(truth, "js-peer").isEmpty();
    if (js) {
      assertJsPeerMatches(truth, ev, roles.keySet(), announced, meshes);
    }
    // the gossip streams of an attached run were negotiated before the agent came
    assertThat(ofType(ev, "GossipPeerProtocol")).hasSize(attached ? 0 : 4 * 3 * 2 + (js ? 4 * 2 : 0))
        .allSatisfy(e -> assertThat(e.get("protocolId").asText()).isEqualTo("/meshsub/1.2.0"));
  }

  /**
   * The js gossipsub peer as our nodes' remote peer: its subscriptions, its place in their meshes
   * and its messages appear in the capture as its own lines say, and what it got straight from one
   * of our nodes that node's publish lists among its recipients.
   */
  private static void assertJsPeerMatches(List<JsonNode> truth, List<JsonNode> ev, Set<String> nodes,
      Map<String, Set<String>> announced, Map<String, Set<String>> meshes) {
    JsonNode peer = truthOf(truth, "js-peer").get(0);
    String js = peer.get("peerId").asText();
    Set<String> jsTopics = new TreeSet<>();
    peer.get("topics").forEach(t -> jsTopics.add(t.asText()));
    List<JsonNode> jsLines = truthOf(truth, "js").stream().map(j -> j.get("data")).toList();
    assertThat(jsLines).noneSatisfy(l -> assertThat(l.path("event").asText()).isEqualTo("error"));
    // a message js published carries its peer id's multihash as the front of its id
    String jsOrigin = java.util.HexFormat.of().formatHex(io.libp2p.core.PeerId.fromBase58(js).getBytes());
    for (String node : nodes) {
      assertThat(announced.get(node + " " + js)).as(node + " sees the js peer's topics").isEqualTo(jsTopics);
      assertThat(meshes.get(node + " " + GossipWorkload.BLOCK)).as("the js peer in " + node + "'s block mesh")
          .contains(js);
      for (String topic : jsTopics) {
        if (!finalTopics(truth, node).contains(topic)) {
          continue;
        }
        long published = jsLines.stream().filter(l -> l.path("event").asText().equals("gossip-published")
            && l.get("topic").asText().equals(topic)).count();
        long firstHere = ofType(ev, "GossipMessageReceived").stream().filter(e -> e.path("first").asBoolean()
            && e.get("node").asText().equals(node) && e.get("topic").asText().equals(topic)
            && e.get("messageId").asText().startsWith(jsOrigin)).count();
        assertThat(firstHere).as("the js peer's messages on " + topic + " at " + node).isPositive()
            .isEqualTo(published);
      }
    }
    // what our nodes published on its topics reached it once each (a message's text starts with its
    // tag, the rest is zeros, which the js peer prints as '?')
    List<JsonNode> jsGot = jsLines.stream().filter(l -> l.path("event").asText().equals("gossip-message")).toList();
    Set<String> tags = new TreeSet<>();
    for (JsonNode pub : truthOf(truth, "publish")) {
      String topic = pub.get("topic").asText();
      String tag = pub.get("tag").asText();
      tags.add(tag);
      if (jsTopics.contains(topic)) {
        assertThat(jsGot).as("the js peer got " + tag).filteredOn(l -> l.get("topic").asText().equals(topic)
                && pub.get("node").asText().equals(l.path("origin").asText())
                && l.get("text").asText().split("\\?", 2)[0].equals(tag))
            .hasSize(1);
      }
    }
    long direct = 0;
    for (String node : nodes) {
      for (String topic : jsTopics) {
        long fromOrigin = jsGot.stream().filter(l -> l.get("topic").asText().equals(topic)
            && node.equals(l.path("origin").asText()) && node.equals(l.path("from").asText())
            && tags.contains(l.get("text").asText().split("\\?", 2)[0])).count();
        long sentToJs = ofType(ev, "GossipPublish").stream().filter(e -> e.get("node").asText().equals(node)
            && e.get("topic").asText().equals(topic)
            && java.util.stream.StreamSupport.stream(e.get("recipientPeers").spliterator(), false)
                .anyMatch(r -> r.asText().equals(js))).count();
        assertThat(sentToJs).as(node + "'s publishes on " + topic + " sent to the js peer").isGreaterThanOrEqualTo(fromOrigin);
        direct += fromOrigin;
      }
    }
    assertThat(direct).as("some of our messages reached the js peer straight from their origin").isPositive();
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
