package dev.privacyagent.analyzer.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.detect.AnalyzerConfig;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.GossipLocalSubscription;
import dev.privacyagent.analyzer.proof.MockProofSystem;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.gossip.GossipSection;
import dev.privacyagent.analyzer.simulate.GossipTraffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GossipRenderingTest {
  static final String HOSTILE_TOPIC = "/eth2/<script>alert(1)</script>\u001b[31m/" + "x".repeat(2000);

  private static Report cached;

  /** Built once: the scenario and its analysis take a few seconds. */
  static synchronized Report gossipReport() {
    if (cached == null) {
      cached = build();
    }
    return cached;
  }

  private static Report build() {
    GossipTraffic sim = new GossipTraffic(1);
    List<Event> events = new ArrayList<>(sim.events());
    String leaky = sim.truth().nodes().get(GossipTraffic.Role.LEAKY);
    Event last = events.get(events.size() - 1);
    events.add(new GossipLocalSubscription(1_000_000, last.timeNanos(), last.wallMillis(), leaky, HOSTILE_TOPIC, true, false));
    MetadataCollector c = new MetadataCollector();
    events.forEach(c::ingest);
    return new PrivacyAnalyzer(AnalyzerConfig.defaults(), null, new MockProofSystem(new Random(1))).analyze(c.snapshot());
  }

  @Test
  void theReportHasOneGossipSectionPerNodeWithBoundedTopics() {
    Report r = gossipReport();
    assertThat(r.gossip()).hasSize(3);
    for (GossipSection g : r.gossip()) {
      assertThat(g.topics()).isNotEmpty().allSatisfy(t -> assertThat(t.topic().length()).isLessThanOrEqualTo(160));
      assertThat(g.findings()).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith("gossip.").endsWith(":" + g.node()));
      assertThat(g.exposureOverTime()).isNotEmpty();
    }
    GossipSection leaky = r.gossip().stream().filter(g -> g.exposedPublishes() > 0 && g.bucketMillis() > 0)
        .max((a, b) -> Long.compare(a.exposedPublishes(), b.exposedPublishes())).orElseThrow();
    assertThat(leaky.exposedSubnets()).isNotEmpty();
    assertThat(leaky.exposureOverTime()).anyMatch(p -> p.ownUnsubscribed() > 0 && p.linkProbability() > 0.4);
  }

  @Test
  void consoleShowsTheGossipSectionWithoutRawControlCharacters() {
    String text = new ConsoleRenderer().render(gossipReport());
    assertThat(text).contains("GOSSIP 12D3KooW", "duty exposure (f = 0.10)", "exposed duty subnets: beacon_attestation_",
        "deliveries sampled out", "duty exposure over time");
    assertThat(text).doesNotContain("\u001b").contains("\\u001b[31m");
  }

  @Test
  void htmlEscapesTopicsAndDrawsTheExposureChart() {
    String html = new HtmlRenderer().render(gossipReport());
    assertThat(html).contains("<section class=\"gossip\">", "aria-label=\"duty exposure over time\"", "&lt;script&gt;alert(1)");
    assertThat(html).doesNotContain("<script>alert(1)").doesNotContain("\u001b");
  }

  @Test
  void jsonCarriesTheGossipSectionsAndParsesBackEqual() throws Exception {
    Report r = gossipReport();
    String json = new JsonRenderer().render(r);
    assertThat(json).contains("\"gossip\"", "\"meanLinkProbability\"", "\"exposureOverTime\"").doesNotContain("<script>");
    assertThat(JsonRenderer.parse(json)).isEqualTo(r);
  }
}
