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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * sample-node.jar's Ethereum-like gossip profile (nodes in turn: default, leaky, careful, flood,
 * and a js gossipsub peer on node 0) under the agent, with {@code adversaryShare=0.2}. The live
 * agent's report flags duty exposure on the leaky node and not on the careful one, and its
 * estimated exposure per node, with that share, ranks the nodes as the ground truth does: the
 * truth's own publishes, the subscriptions that covered them and the peers that got each one
 * first-hand from its publisher. The js peer is one of node 0's gossip peers: its topics, its
 * place in the mesh and what it delivered first appear in the capture as its lines say.
 */
class GossipFindingsIT {
  static final double F = 0.2;
  static final Pattern DUTY_TOPIC = Pattern.compile("(beacon_attestation|sync_committee)_\\d+");
  /** The console report's block of one node: its header, then its duty-exposure line. */
  static final Pattern EXPOSURE = Pattern.compile(
      "GOSSIP (\\S+) \\(.*\\R.*\\R  duty exposure \\(f = ([0-9.]+)\\): (\\d+) of (\\d+) duty messages.*"
          + "expected share linked ([0-9.]+)%, at least one linked p=([0-9.]+)(\\R  exposed duty subnets: (.*))?");

  @Test
  void dutyExposureFlagsTheLeakyNodeAndRanksTheNodesAsTheGroundTruthDoes() throws Exception {
    Path dir = E2e.dir("gossip-findings");
    Path events = dir.resolve("events.jsonl");
    E2e.Proc p = E2e.Proc.start(E2e.javaOf(E2e.JDK17),
        List.of(E2e.agentArg("port=-1,summaryInterval=0,report=true,gossipInterval=1s,events=" + events),
            "-Dprivacyagent.adversaryShare=" + F),
        List.of("--peers=4", "--js-peers=1", "--gossip", "--duration=40s", "--no-bad-dials"), dir);
    assertThat(p.await(150)).as(p.stderr()).isZero();
    List<JsonNode> truth = p.truth();
    List<JsonNode> nodes = truthOf(truth, "gossip-node");
    assertThat(nodes).extracting(n -> n.get("profile").asText())
        .containsExactly("default", "leaky", "careful", "flood");
    String leaky = nodes.get(1).get("peerId").asText();
    String careful = nodes.get(2).get("peerId").asText();
    String err = p.stderr();
    assertThat(overviewLine(err, leaky)).contains("duty_exposure");
    assertThat(overviewLine(err, careful)).doesNotContain("duty_exposure");
    assertThat(nodeSection(err, careful)).as("the careful node's findings")
        .noneMatch(l -> l.matches("\\s*\\[(CRITICAL|HIGH|MEDIUM)] gossip\\..*"));

    Map<String, double[]> estimated = estimates(err);
    Map<String, double[]> expected = groundTruthExposure(truth, F);
    StringBuilder table = new StringBuilder();
    for (JsonNode n : nodes) {
      String id = n.get("peerId").asText();
      assertThat(estimated).as("a gossip block for " + n.get("profile").asText() + " in\n" + err).containsKey(id);
      double[] e = estimated.get(id);
      double[] t = expected.get(id);
      table.append(String.format(java.util.Locale.ROOT, "%-8s estimated %.3f (%d of %d exposed), truth %.3f (%d of %d)%n",
          n.get("profile").asText(), e[1], (long) e[2], (long) e[3], t[0], (long) t[1], (long) t[2]));
      assertThat(e[0]).as("the configured adversary share is the one the live report uses").isEqualTo(F);
    }
    System.out.print(table); // in the failsafe report: the numbers behind the ranking
    // the duty messages outside long-lived subscriptions are the ones the truth's subscriptions left uncovered
    for (JsonNode n : nodes) {
      String id = n.get("peerId").asText();
      assertThat((long) estimated.get(id)[2]).as(n.get("profile").asText() + " exposed duties\n" + table)
          .isEqualTo((long) expected.get(id)[1]);
      assertThat((long) estimated.get(id)[3]).as(n.get("profile").asText() + " duties\n" + table)
          .isEqualTo((long) expected.get(id)[2]);
    }
    assertThat(SUBNETS.get(leaky)).as("the leaky node's exposed duty subnets, named").isEqualTo(EXPOSED.get(leaky));
    assertThat(expected.get(careful)[0]).as(table.toString()).isZero();
    assertThat(expected.get(leaky)[0]).as(table.toString()).isGreaterThan(0.05);
    // every pair the truth tells apart by more than 0.02 (two points of the expected share linked)
    // is in the same order in the estimate
    int compared = 0;
    for (JsonNode a : nodes) {
      for (JsonNode b : nodes) {
        String ia = a.get("peerId").asText();
        String ib = b.get("peerId").asText();
        if (expected.get(ia)[0] > expected.get(ib)[0] + 0.02) {
          compared++;
          assertThat(estimated.get(ia)[1]).as(a.get("profile").asText() + " above " + b.get("profile").asText()
              + "\n" + table).isGreaterThan(estimated.get(ib)[1]);
        }
      }
    }
    assertThat(compared).as("pairs the truth ranks\n" + table).isGreaterThanOrEqualTo(3);

    assertJsPeerSeen(truth, E2e.jsonLines(events), nodes.get(0).get("peerId").asText());
  }

  /**
   * Per node, from the ground truth alone: {expected share of its duties linked, exposed duties,
   * duties}. A duty message (an attestation on a subnet topic that left the node: its publish
   * succeeded) is exposed when the node published
   * it via fanout or under a duty subscription that brackets it (not a core, backbone or careful
   * one); an adversary holding a share f of the peers that got it first-hand from the node links it
   * with probability 1 - (1 - f)^k.
   */
  /** The duty subnets of each node's exposed duties in the truth (filled by {@link #groundTruthExposure}). */
  static final Map<String, Set<String>> EXPOSED = new HashMap<>();

  static Map<String, double[]> groundTruthExposure(List<JsonNode> truth, double f) {
    Map<String, Integer> firstHand = new HashMap<>();
    for (JsonNode t : truth) {
      JsonNode d = t.path("event").asText().equals("js") ? t.get("data") : t;
      String kind = d.path("event").asText();
      boolean jsFirst = kind.equals("gossip-message");
      if ((kind.equals("gossip-delivery") && d.path("first").asBoolean()) || jsFirst) {
        String id = d.get(jsFirst ? "msgId" : "messageId").asText();
        firstHand.merge(id + " " + d.get("from").asText(), 1, Integer::sum);
      }
    }
    Map<String, Map<String, String>> covering = new HashMap<>(); // node -> topic -> reason
    Map<String, double[]> out = new TreeMap<>();
    for (JsonNode t : truth) {
      String kind = t.path("event").asText();
      if (kind.equals("gossip-node")) {
        out.put(t.get("peerId").asText(), new double[3]);
      } else if (kind.equals("gossip-subscription")) {
        Map<String, String> m = covering.computeIfAbsent(t.get("peerId").asText(), k -> new HashMap<>());
        if (t.get("subscribe").asBoolean()) {
          m.put(t.get("topic").asText(), t.get("reason").asText());
        } else {
          m.remove(t.get("topic").asText());
        }
      } else if (kind.equals("gossip-publish") && t.get("ok").asBoolean()
          && DUTY_TOPIC.matcher(t.get("topic").asText()).find()) { // a failed publish reached nobody
        String node = t.get("peerId").asText();
        double[] o = out.get(node);
        o[2]++;
        String reason = covering.getOrDefault(node, Map.of()).get(t.get("topic").asText());
        if (t.get("viaFanout").asBoolean() || reason == null || reason.startsWith("duty:")) {
          o[1]++;
          Matcher subnet = DUTY_TOPIC.matcher(t.get("topic").asText());
          subnet.find();
          EXPOSED.computeIfAbsent(node, k -> new TreeSet<>()).add(subnet.group());
          int k = firstHand.getOrDefault(t.get("messageId").asText() + " " + node, 0);
          o[0] += 1 - Math.pow(1 - f, k);
        }
      }
    }
    out.values().forEach(o -> o[0] = o[2] == 0 ? 0 : o[0] / o[2]);
    return out;
  }

  /** The live agent's console report: per node {f, expected share linked, exposed, duties}. */
  /** The exposed duty subnets each node's block names (filled by {@link #estimates}). */
  static final Map<String, Set<String>> SUBNETS = new HashMap<>();

  static Map<String, double[]> estimates(String report) {
    Map<String, double[]> out = new HashMap<>();
    Matcher m = EXPOSURE.matcher(report);
    while (m.find()) {
      out.put(m.group(1), new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(5)) / 100,
          Long.parseLong(m.group(3)), Long.parseLong(m.group(4))});
      if (m.group(8) != null) {
        SUBNETS.put(m.group(1), new TreeSet<>(List.of(m.group(8).trim().split(", "))));
      }
    }
    return out;
  }

  /**
   * The js peer on node 0 as the agent saw it: the topics it announced, its mesh changes as the
   * node's truth lists them, as many first deliveries from it as the node's truth counts, and node
   * 0's own messages that it got (its lines) sent to it (the agent's publish recipients).
   */
  private static void assertJsPeerSeen(List<JsonNode> truth, List<JsonNode> ev, String node0) {
    List<JsonNode> js = truthOf(truth, "js").stream().map(j -> j.get("data")).toList();
    String jsId = js.stream().filter(l -> l.path("event").asText().equals("listening")).findFirst()
        .orElseThrow(() -> new AssertionError("the js peer never listened: " + js)).get("peerId").asText();
    Set<String> announced = new TreeSet<>();
    for (JsonNode e : ofType(ev, "GossipPeerSubscription")) {
      if (e.get("node").asText().equals(node0) && e.get("peerId").asText().equals(jsId)) {
        if (e.get("subscribed").asBoolean()) {
          announced.add(e.get("topic").asText());
        } else {
          announced.remove(e.get("topic").asText());
        }
      }
    }
    Set<String> jsTopics = new TreeSet<>();
    for (JsonNode l : js) {
      if (l.path("event").asText().equals("gossip-published") || l.path("event").asText().equals("gossip-message")) {
        jsTopics.add(l.get("topic").asText());
      }
    }
    assertThat(announced).as("the js peer's topics as node 0 saw them").isNotEmpty().containsAll(jsTopics);
    List<String> meshTruth = new ArrayList<>();
    for (JsonNode t : truthOf(truth, "gossip-mesh")) {
      if (t.get("peerId").asText().equals(node0) && t.get("peer").asText().equals(jsId)) {
        meshTruth.add(t.get("change").asText() + " " + t.get("topic").asText());
      }
    }
    List<String> meshSeen = new ArrayList<>();
    for (JsonNode e : ofType(ev, "GossipMeshChange")) {
      if (e.get("node").asText().equals(node0) && e.get("peerId").asText().equals(jsId)) {
        meshSeen.add((e.get("added").asBoolean() ? "meshed " : "pruned ") + e.get("topic").asText());
      }
    }
    assertThat(meshSeen).as("the js peer's mesh changes at node 0").isNotEmpty().isEqualTo(meshTruth);
    long fromJs = truthOf(truth, "gossip-delivery").stream().filter(t -> t.get("peerId").asText().equals(node0)
        && t.get("from").asText().equals(jsId) && t.get("first").asBoolean()).count();
    long counted = ofType(ev, "GossipPeerStats").stream().filter(e -> e.get("node").asText().equals(node0)
        && e.get("peerId").asText().equals(jsId)).mapToLong(e -> e.path("firstDeliveries").asLong()).sum();
    assertThat(counted).as("first deliveries from the js peer at node 0 (it relays only: none)").isEqualTo(fromJs);
    // what node 0 published reached the js peer straight from it: the publish lists it as a recipient
    Map<String, JsonNode> published = new HashMap<>();
    for (JsonNode e : ofType(ev, "GossipPublish")) {
      if (e.get("node").asText().equals(node0)) {
        published.put(e.get("messageId").asText(), e);
      }
    }
    long direct = 0;
    for (JsonNode l : js) {
      if (l.path("event").asText().equals("gossip-message") && l.get("from").asText().equals(node0)
          && published.containsKey(l.get("msgId").asText())) {
        direct++;
        assertThat(published.get(l.get("msgId").asText()).get("recipientPeers")).as("recipients of " + l)
            .anySatisfy(r -> assertThat(r.asText()).isEqualTo(jsId));
      }
    }
    assertThat(direct).as("node 0's own messages the js peer got from it").isPositive();
  }

  /** The lines of the report's own section of {@code peerId}, from its NODE title to the next. */
  private static List<String> nodeSection(String report, String peerId) {
    List<String> lines = report.lines().toList();
    int start = -1;
    for (int i = 0; i < lines.size() && start < 0; i++) {
      if (lines.get(i).startsWith("NODE ") && lines.get(i).contains("(" + peerId + ")")) {
        start = i;
      }
    }
    if (start < 0) {
      throw new AssertionError("no NODE section for " + peerId + " in:\n" + report);
    }
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("NODE ")) {
      end++;
    }
    return lines.subList(start, end);
  }

  /** The report's overview row of {@code peerId} ("12D3.." and its last six characters). */
  private static String overviewLine(String report, String peerId) {
    String shortId = "  12D3.." + peerId.substring(peerId.length() - 6) + " ";
    return report.lines().filter(l -> l.startsWith(shortId)).findFirst()
        .orElseThrow(() -> new AssertionError("no overview row for " + peerId + " in:\n" + report));
  }
}
