package dev.privacyagent.e2e;

import static dev.privacyagent.e2e.E2e.ofType;
import static dev.privacyagent.e2e.E2e.truthOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 100 JVM peers connect, stream and disconnect under the agent: every event accounted for. */
class HundredPeersIT {
  @Test
  void everyConnectionStreamAndPingIsCapturedOrCountedAsDropped() throws Exception {
    Path dir = E2e.dir("hundred");
    Path events = dir.resolve("events.jsonl");
    E2e.Proc p =
        E2e.Proc.start(
            E2e.javaOf(E2e.JDK17),
            List.of("-Xmx1g", E2e.agentArg("port=-1,summaryInterval=0,events=" + events)),
            List.of("--peers=100", "--duration=8s", "--ping-interval=1s", "--no-bad-dials"),
            dir);
    assertThat(p.await(240)).as(p.stderr()).isZero();
    List<JsonNode> truth = p.truth();
    List<JsonNode> ev = E2e.jsonLines(events);
    String err = p.stderr();
    String last = err.lines().filter(l -> l.contains("summary:")).reduce((a, b) -> b).orElseThrow();
    long dropped = Long.parseLong(last.replaceAll(".*dropped=(\\d+).*", "$1"));
    assertThat(last).contains("agent-errors=0");

    assertThat(ofType(ev, "HostCreated")).hasSize(100);
    int connections = truthOf(truth, "connection").size();
    // Node i dials 0 and i-1: 197 dials, 2 ends each. On a loaded machine a few dials time out in
    // the test host itself; the capture is checked against the truth, so most dials are enough.
    assertThat(connections).isGreaterThanOrEqualTo(2 * 180);
    List<JsonNode> opened = ofType(ev, "ConnectionOpened");
    List<JsonNode> closed = ofType(ev, "ConnectionClosed");
    int pings = truthOf(truth, "ping").size();
    if (dropped == 0) {
      assertThat(opened).hasSize(connections);
      assertThat(closed).hasSize(connections);
      assertThat(ofType(ev, "PingRtt")).hasSize(pings);
      assertThat(ofType(ev, "IdentifyReceived")).hasSize(truthOf(truth, "identify").size());
      assertThat(ofType(ev, "StreamClosed")).hasSameSizeAs(ofType(ev, "StreamOpened"));
    } else {
      assertThat(opened.size() + closed.size() + dropped).isGreaterThanOrEqualTo(2L * connections);
    }
    System.out.printf("100 peers: %d connection ends, %d pings, %d events written, %d dropped%n",
        connections, pings, ev.size(), dropped);
  }
}
