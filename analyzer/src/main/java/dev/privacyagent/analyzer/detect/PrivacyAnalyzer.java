package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.NodeSnapshot;
import dev.privacyagent.analyzer.collect.NodeSnapshots;
import dev.privacyagent.analyzer.collect.PeerStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.proof.MockProofSystem;
import dev.privacyagent.analyzer.report.AnonymityMeasures;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.NodeSection;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.ReportWindow;
import dev.privacyagent.analyzer.report.RiskScore;
import dev.privacyagent.analyzer.report.Severity;
import dev.privacyagent.analyzer.report.Text;
import dev.privacyagent.analyzer.report.Totals;
import dev.privacyagent.analyzer.report.gossip.GossipSections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs the seven connection-level and five gossip detectors over a snapshot and assembles the {@link Report}: findings, risk
 * score, anonymity measures, peer and protocol tables, counters and mock proofs. Apart from the
 * proofs' random salts the report is a function of the snapshot alone (pass a seeded {@link
 * MockProofSystem} to make it fully deterministic). Thread-safe.
 */
public final class PrivacyAnalyzer {
  private final AnalyzerConfig config;
  private final List<Detector> detectors;
  private final MockProofSystem proofSystem;
  private final ProtocolFingerprintDetector fingerprint;

  public PrivacyAnalyzer() {
    this(AnalyzerConfig.defaults());
  }

  public PrivacyAnalyzer(AnalyzerConfig config) {
    this(config, null);
  }

  /** {@code reference} (may be null) is the agent-name population for fingerprinting. */
  public PrivacyAnalyzer(AnalyzerConfig config, ReferencePopulation reference) {
    this(config, reference, new MockProofSystem());
  }

  public PrivacyAnalyzer(AnalyzerConfig config, ReferencePopulation reference, MockProofSystem proofSystem) {
    this.config = Objects.requireNonNull(config, "config");
    this.proofSystem = Objects.requireNonNull(proofSystem, "proofSystem");
    this.fingerprint = new ProtocolFingerprintDetector(config.fingerprint(), reference);
    List<Detector> all = new ArrayList<>(List.of(
        new TimingCorrelationDetector(config.timing()),
        new AnonymitySetDetector(config.anonymity()),
        fingerprint,
        new AddressLeakageDetector(config.address()),
        new PeerIdLinkabilityDetector(config.linkability()),
        new ConnectionPatternDetector(config.connections()),
        new WeakTransportSecurityDetector(config.transport())));
    all.addAll(config.gossip().detectors());
    this.detectors = List.copyOf(all);
  }

  public AnalyzerConfig config() {
    return config;
  }

  public List<Detector> detectors() {
    return detectors;
  }

  /**
   * The report of all nodes together with one section per local node, each the analysis of that
   * node's own snapshot, and the comparison across them. A single node's section is the report
   * itself (its events are all there is).
   */
  public Report analyze(NodeSnapshots snapshots) {
    Objects.requireNonNull(snapshots, "snapshots");
    Report all = analyze(snapshots.all());
    List<NodeSnapshot> nodes = snapshots.nodes();
    boolean single = nodes.size() == 1 && snapshots.all().localNodes().size() <= 1;
    List<NodeSection> sections = new ArrayList<>(nodes.size());
    for (NodeSnapshot n : nodes) {
      Report own = single ? all : analyze(n.snapshot());
      sections.add(new NodeSection(n.node(), n.name(), NodeComparisons.localPeers(n, nodes), own));
    }
    return all.withNodes(sections, NodeComparisons.rows(sections, nodes, fingerprint));
  }

  /** The report of {@code s} alone, without node sections (see {@link #analyze(NodeSnapshots)}). */
  public Report analyze(Snapshot s) {
    Objects.requireNonNull(s, "snapshot");
    List<Finding> findings = new ArrayList<>();
    for (Detector d : detectors) {
      findings.addAll(d.detect(s));
    }
    findings.sort(Comparator.comparing(Finding::severity, Comparator.<Severity>reverseOrder())
        .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed())
        .thenComparing(Finding::id));
    AnonymityMeasures anonymity = AnonymitySetDetector.measure(s);
    long streams = 0;
    for (PeerStats p : s.peers().values()) {
      streams += p.streams();
    }
    long open = 0;
    for (ConnectionStats c : s.connections().values()) {
      if (c.open()) {
        open++;
      }
    }
    Totals totals = new Totals(
        s.counters().accepted(),
        s.recentEvents().size(),
        s.connections().size(),
        open,
        s.peers().size(),
        streams,
        s.prefixes().size(),
        s.protocols().size());
    ReportWindow window = new ReportWindow(
        s.firstWallMillis(), s.lastWallMillis(), Math.max(0, s.lastWallMillis() - s.firstWallMillis()),
        s.windowMillis());
    Report report = new Report(
        Report.SCHEMA_VERSION,
        Instant.ofEpochMilli(s.takenWallMillis()).toString(),
        window,
        s.localNodes().stream().map(Text::bound).toList(),
        RiskScore.of(findings),
        RiskScore.FORMULA,
        findings,
        null,
        totals,
        anonymity,
        ReportTables.peers(s, anonymity.totalTraffic(), "streams".equals(anonymity.trafficUnit()), config.maxPeerRows()),
        ReportTables.protocols(s, config.maxProtocolRows()),
        s.counters(),
        s.counters().totalDropped(),
        List.of(),
        MockProofSystem.NOTICE,
        s.notes(),
        List.of(),
        List.of(),
        GossipSections.of(s, config.gossip().settings(), findings));
    return report.withProofs(proofSystem.prove(report, config.proofs()));
  }
}
