package dev.privacyagent.analyzer.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.detect.AnalyzerConfig;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.detect.gossip.DutyExposure;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.GossipEvent;
import dev.privacyagent.analyzer.event.HostCreated;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.Severity;
import dev.privacyagent.analyzer.simulate.GossipTraffic.Role;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gossip scenario's ground truth against the collector and the five gossip detectors. */
class GossipScenarioTest {

  private static Report analyze(List<Event> events) {
    MetadataCollector c = new MetadataCollector();
    events.forEach(c::ingest);
    return new PrivacyAnalyzer().analyze(c.snapshot());
  }

  private static Snapshot snapshot(List<Event> events) {
    MetadataCollector c = new MetadataCollector();
    events.forEach(c::ingest);
    return c.snapshot();
  }

  private static List<Finding> of(Report r, String node) {
    return r.findings().stream().filter(f -> f.id().endsWith(":" + node)).toList();
  }

  private static Finding find(Report r, String kind, String node) {
    return r.findings().stream().filter(f -> f.id().equals("gossip." + kind + ":" + node)).findFirst()
        .orElseThrow(() -> new AssertionError("no gossip." + kind + " for " + node + " in " + r.findings()));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void eventsAreOrderedPerNodeAndDeterministic(long seed) {
    List<Event> events = new GossipTraffic(seed).events();
    assertThat(new GossipTraffic(seed).events()).isEqualTo(events);
    assertThat(new GossipTraffic(seed + 100).events()).isNotEqualTo(events);
    Map<String, Long> lastSeq = new HashMap<>();
    Map<String, Long> lastNanos = new HashMap<>();
    for (Event e : events) {
      long prev = lastSeq.getOrDefault(e.node(), 0L);
      if (prev == 0 && !(e instanceof HostCreated)) {
        throw new AssertionError("first event of a node is not HostCreated: " + e);
      }
      if (e.seq() != prev + 1 || e.timeNanos() < lastNanos.getOrDefault(e.node(), Long.MIN_VALUE)) {
        throw new AssertionError("seq or time out of order: " + e);
      }
      if (!(e instanceof HostCreated) && !(e instanceof GossipEvent)) {
        throw new AssertionError("not a gossip event: " + e);
      }
      lastSeq.put(e.node(), e.seq());
      lastNanos.put(e.node(), e.timeNanos());
    }
    assertThat(lastSeq).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theLeakyNodesDutiesAreFlaggedTheCarefulNodesAreNot(long seed) {
    GossipTraffic sim = new GossipTraffic(seed);
    GossipTraffic.Truth truth = sim.truth();
    Report r = analyze(sim.events());
    String leaky = truth.nodes().get(Role.LEAKY);
    String careful = truth.nodes().get(Role.CAREFUL);
    String flood = truth.nodes().get(Role.FLOOD);

    Finding duty = find(r, "duty-exposure", leaky);
    assertThat(duty.severity()).isGreaterThanOrEqualTo(Severity.MEDIUM);
    @SuppressWarnings("unchecked")
    List<String> named = (List<String>) duty.evidence().get("dutySubnets");
    Set<String> exposed = truth.exposedSubnets().get(Role.LEAKY);
    assertThat(exposed).containsAll(named);
    long total = (Long) duty.evidence().getOrDefault("dutySubnetsTotal", (long) named.size());
    assertThat(total).isEqualTo(exposed.size());
    assertThat(duty.evidence().get("bracketedPublishes")).isNotEqualTo(0L);

    // the careful node: nothing of medium severity or above, from any detector
    assertThat(of(r, careful)).isNotEmpty().allSatisfy(f -> assertThat(f.severity()).isLessThan(Severity.MEDIUM));
    assertThat(r.findings()).noneMatch(f -> f.id().equals("gossip.duty-exposure:" + careful));

    assertThat(find(r, "flood-publish", flood).severity()).isGreaterThanOrEqualTo(Severity.MEDIUM);
    assertThat(find(r, "subscription-fingerprint", leaky).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(find(r, "publish-rate", leaky).evidence().get("estimatedValidators"))
        .isEqualTo((long) truth.validators().get(Role.LEAKY));
    assertThat(find(r, "publish-rate", flood).evidence().get("estimatedValidators"))
        .isEqualTo((long) truth.validators().get(Role.FLOOD));
    assertThat(find(r, "publish-rate", leaky).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(find(r, "publish-rate", careful).severity()).isEqualTo(Severity.LOW);

    Finding seen = find(r, "observable-origins", careful);
    assertThat(seen.severity()).isEqualTo(Severity.INFO);
    assertThat(seen.evidence().get("locatablePeers")).isEqualTo((long) truth.locatablePeers().get(Role.CAREFUL).size());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void estimatedExposureMatchesTheTruthAndRanksTheNodesAlike(long seed) {
    GossipTraffic sim = new GossipTraffic(seed);
    GossipTraffic.Truth truth = sim.truth();
    Snapshot s = snapshot(sim.events());
    var settings = AnalyzerConfig.defaults().gossip().settings();
    Map<Role, Double> estimated = new HashMap<>();
    for (Role role : Role.values()) {
      GossipView v = s.gossipOf(truth.nodes().get(role));
      double est = DutyExposure.measure(v, settings).meanLinkProbability();
      assertThat(est).as(role.name()).isCloseTo(truth.meanLinkProbability().get(role), within(1e-9));
      estimated.put(role, est);
    }
    assertThat(estimated.get(Role.CAREFUL)).isZero();
    assertThat(estimated.get(Role.FLOOD)).isGreaterThan(estimated.get(Role.LEAKY));
    assertThat(estimated.get(Role.LEAKY)).isGreaterThan(estimated.get(Role.CAREFUL));
    assertThat(truth.meanLinkProbability().get(Role.FLOOD)).isGreaterThan(truth.meanLinkProbability().get(Role.LEAKY));
    // sampling is counted: only the block topic has per-message events
    Set<Long> skipped = new HashSet<>();
    s.gossip().values().forEach(v -> skipped.add(v.counters().messageEventsSkipped()));
    assertThat(skipped).allMatch(n -> n > 0);
  }
}
