package dev.privacyagent.analyzer.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.Severity;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each scenario's ground truth against the real analyzer, over several seeds. */
class ScenarioFindingsTest {

  static Report analyze(Scenario scenario, long seed) {
    MetadataCollector c = new MetadataCollector();
    new TrafficSimulator(seed, TrafficSimulator.DEFAULT_PEERS).generate(scenario, c::ingest);
    Snapshot s = c.snapshot();
    assertThat(s.counters().totalDropped()).isZero();
    return new PrivacyAnalyzer().analyze(s);
  }

  static Set<Category> categoriesAtLeast(Report r, Severity min) {
    return r.findings().stream().filter(f -> f.severity().atLeast(min)).map(Finding::category)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Category.class)));
  }

  static Set<String> ids(Report r) {
    return r.findings().stream().map(Finding::id).collect(Collectors.toSet());
  }

  static String describe(Report r) {
    return r.findings().stream().map(f -> f.severity() + " " + f.id() + ": " + f.summary())
        .collect(Collectors.joining("\n"));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42})
  void cleanYieldsNothingOfMediumOrAbove(long seed) {
    Report r = analyze(Scenario.CLEAN, seed);
    List<Finding> serious = r.findings().stream().filter(f -> f.severity().atLeast(Severity.MEDIUM)).toList();
    assertThat(serious).as(describe(r)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 42})
  void timingYieldsPeriodicityAndCoOccurrence(long seed) {
    Report r = analyze(Scenario.TIMING, seed);
    assertThat(ids(r)).as(describe(r))
        .contains("timing.co-occurrence", "timing.periodic:" + TimingTraffic.STATUS, "timing.periodic:/ipfs/ping/1.0.0");
    assertThat(categoriesAtLeast(r, Severity.MEDIUM)).contains(Category.TIMING);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 42})
  void anonymityYieldsSmallSetAndPrefixConcentration(long seed) {
    Report r = analyze(Scenario.ANONYMITY, seed);
    assertThat(ids(r)).as(describe(r)).contains("anonymity.small-set", "anonymity.prefix-concentration");
    assertThat(r.anonymity().effectiveAnonymitySet()).isLessThan(2.0);
    assertThat(categoriesAtLeast(r, Severity.MEDIUM)).contains(Category.ANONYMITY_SET, Category.CONNECTION_PATTERN);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 42})
  void fingerprintYieldsAgentAndProtocolSetBits(long seed) {
    Report r = analyze(Scenario.FINGERPRINT, seed);
    assertThat(ids(r)).as(describe(r))
        .contains("fingerprint.agent-version", "fingerprint.protocol-set", "fingerprint.verbose-agent");
    assertThat(categoriesAtLeast(r, Severity.MEDIUM)).contains(Category.FINGERPRINTING);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 42})
  void leakageYieldsAddressLinkabilityAndTransportFindings(long seed) {
    Report r = analyze(Scenario.LEAKAGE, seed);
    assertThat(ids(r)).as(describe(r))
        .contains("address.private-disclosed", "address.many-addresses", "address.observed-public",
            "address.private-received", "linkability.own-ips-linked", "linkability.peer-multi-ip");
    assertThat(categoriesAtLeast(r, Severity.MEDIUM))
        .contains(Category.ADDRESS_LEAKAGE, Category.LINKABILITY, Category.TRANSPORT_SECURITY);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 42})
  void allYieldsEveryProblemCategory(long seed) {
    Report r = analyze(Scenario.ALL, seed);
    assertThat(categoriesAtLeast(r, Severity.MEDIUM)).as(describe(r))
        .contains(Category.TIMING, Category.ANONYMITY_SET, Category.FINGERPRINTING, Category.ADDRESS_LEAKAGE,
            Category.LINKABILITY, Category.TRANSPORT_SECURITY);
  }
}
