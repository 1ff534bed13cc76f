package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.NodeNames;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.GossipPeerSubscription;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.simulate.GossipTraffic;
import dev.privacyagent.server.source.ReportSources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gossip families of /metrics on the gossip scenario, with hostile and too many topics. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GossipMetricsTest {

  @Test
  void gossipFamiliesAreLabelledByNodeAndCappedTopicAndPassPromtool() throws Exception {
    GossipTraffic sim = new GossipTraffic(1);
    List<Event> events = new ArrayList<>(sim.events());
    String careful = sim.truth().nodes().get(GossipTraffic.Role.CAREFUL);
    String leaky = sim.truth().nodes().get(GossipTraffic.Role.LEAKY);
    Event last = events.get(events.size() - 1);
    // a peer announcing 200 junk topics, one of them hostile: the label set stays capped
    for (int i = 0; i < 200; i++) {
      String topic = i == 0 ? "/x\"}\n# TYPE evil gauge\nevil 1 {" : "/junk/" + i;
      events.add(new GossipPeerSubscription(900_000 + i, last.timeNanos(), last.wallMillis(), careful, "12D3KooWJunk",
          topic, true, false));
    }
    MetadataCollector c = new MetadataCollector();
    events.forEach(c::ingest);
    Snapshot snapshot = c.snapshot();
    Report report = new PrivacyAnalyzer().analyze(snapshot);
    String metrics = ScenarioMetricsTest.metrics(ReportSources.offline(snapshot, report, snapshot.recentEvents()));
    ScenarioMetricsTest.assertPromtoolAccepts("gossip", metrics);

    assertThat(metrics).contains("# TYPE libp2p_privacy_gossip_messages_received_total counter",
        "# TYPE libp2p_privacy_gossip_mesh_peers gauge", "# TYPE libp2p_privacy_gossip_duty_link_probability gauge");
    assertThat(metrics).doesNotContain("\nevil 1").doesNotContain("12D3KooWJunk");
    for (String peer : sim.truth().locatablePeers().get(GossipTraffic.Role.CAREFUL)) {
      assertThat(metrics).doesNotContain(peer);
    }
    Set<String> topics = new HashSet<>();
    Matcher m = Pattern.compile("libp2p_privacy_gossip_topic_peers\\{node=\"[^\"]*\",topic=\"((?:[^\"\\\\]|\\\\.)*)\"\\}")
        .matcher(metrics);
    while (m.find()) {
      topics.add(m.group(1));
    }
    assertThat(topics).hasSize(81).contains("other", "/eth2/6a95a1a9/beacon_block/ssz_snappy");
    // block, aggregate and 64 subnets, plus the junk: all but 80 folded
    assertThat(metrics).contains("libp2p_privacy_gossip_topic_labels_folded " + (66 + 200 - 80));

    // the leaky node's exposure is the report's, the careful node's is zero
    String leakyLine = "libp2p_privacy_gossip_duty_link_probability{node=\"" + NodeNames.shortForm(leaky) + "\"} ";
    String carefulLine = "libp2p_privacy_gossip_duty_link_probability{node=\"" + NodeNames.shortForm(careful) + "\"} ";
    double leakyValue = Double.parseDouble(metrics.lines().filter(l -> l.startsWith(leakyLine)).findFirst().orElseThrow()
        .substring(leakyLine.length()));
    assertThat(leakyValue).isGreaterThan(0.3);
    assertThat(metrics).contains(carefulLine + "0");
    assertThat(metrics).contains("libp2p_privacy_gossip_message_events_skipped_total{node=\"");
  }
}
