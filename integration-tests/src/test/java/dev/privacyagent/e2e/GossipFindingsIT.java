package dev.privacyagent.e2e;

import static dev.privacyagent.e2e.E2e.truthOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sample-node.jar's Ethereum-like gossip profile (nodes in turn: default, leaky, careful, flood)
 * under the agent: the console report's per-node overview flags duty exposure on the leaky node
 * and not on the careful one.
 */
class GossipFindingsIT {
  @Test
  void dutyExposureFlagsTheLeakyNodeAndNotTheCarefulOne() throws Exception {
    Path dir = E2e.dir("gossip-findings");
    E2e.Proc p = E2e.Proc.start(E2e.javaOf(E2e.JDK17),
        List.of(E2e.agentArg("port=-1,summaryInterval=0,report=true")),
        List.of("--peers=4", "--js-peers=0", "--gossip", "--duration=40s", "--no-bad-dials"), dir);
    assertThat(p.await(150)).as(p.stderr()).isZero();
    List<JsonNode> nodes = truthOf(p.truth(), "node");
    String leaky = nodes.get(1).get("peerId").asText();
    String careful = nodes.get(2).get("peerId").asText();
    String err = p.stderr();
    assertThat(overviewLine(err, leaky)).contains("duty_exposure");
    assertThat(overviewLine(err, careful)).doesNotContain("duty_exposure");
  }

  /** The report's overview row of {@code peerId} ("12D3.." and its last six characters). */
  private static String overviewLine(String report, String peerId) {
    String shortId = "  12D3.." + peerId.substring(peerId.length() - 6) + " ";
    return report.lines().filter(l -> l.startsWith(shortId)).findFirst()
        .orElseThrow(() -> new AssertionError("no overview row for " + peerId + " in:\n" + report));
  }
}
