package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.detect.gossip.GossipThresholds;
import dev.privacyagent.analyzer.proof.ProofThresholds;
import java.util.Objects;

/**
 * Every threshold of the analysis in one value: one record per detector, the proof statements'
 * thresholds, and the size bounds of the report tables. {@link #defaults()} gives the values
 * documented in docs/detectors.md.
 *
 * @param maxPeerRows peer table rows kept in a report (busiest first)
 * @param maxProtocolRows protocol rows kept in a report (most streams first)
 * @param gossip the five gossip detectors' thresholds and shared settings
 */
public record AnalyzerConfig(
    TimingCorrelationDetector.Thresholds timing,
    AnonymitySetDetector.Thresholds anonymity,
    ProtocolFingerprintDetector.Thresholds fingerprint,
    AddressLeakageDetector.Thresholds address,
    PeerIdLinkabilityDetector.Thresholds linkability,
    ConnectionPatternDetector.Thresholds connections,
    WeakTransportSecurityDetector.Thresholds transport,
    ProofThresholds proofs,
    int maxPeerRows,
    int maxProtocolRows,
    GossipThresholds gossip) {

  public AnalyzerConfig {
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(anonymity, "anonymity");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(linkability, "linkability");
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(proofs, "proofs");
    Objects.requireNonNull(gossip, "gossip");
    if (maxPeerRows < 0 || maxProtocolRows < 0) {
      throw new IllegalArgumentException("table bounds must be >= 0");
    }
  }

  public static AnalyzerConfig defaults() {
    return new AnalyzerConfig(
        TimingCorrelationDetector.Thresholds.defaults(),
        AnonymitySetDetector.Thresholds.defaults(),
        ProtocolFingerprintDetector.Thresholds.defaults(),
        AddressLeakageDetector.Thresholds.defaults(),
        PeerIdLinkabilityDetector.Thresholds.defaults(),
        ConnectionPatternDetector.Thresholds.defaults(),
        WeakTransportSecurityDetector.Thresholds.defaults(),
        ProofThresholds.defaults(),
        500,
        100,
        GossipThresholds.defaults());
  }

  public AnalyzerConfig withTiming(TimingCorrelationDetector.Thresholds v) {
    return new AnalyzerConfig(v, anonymity, fingerprint, address, linkability, connections, transport, proofs, maxPeerRows, maxProtocolRows, gossip);
  }

  public AnalyzerConfig withAnonymity(AnonymitySetDetector.Thresholds v) {
    return new AnalyzerConfig(timing, v, fingerprint, address, linkability, connections, transport, proofs, maxPeerRows, maxProtocolRows, gossip);
  }

  public AnalyzerConfig withGossip(GossipThresholds v) {
    return new AnalyzerConfig(timing, anonymity, fingerprint, address, linkability, connections, transport, proofs, maxPeerRows, maxProtocolRows, v);
  }

  /** The gossip duty-exposure measure's f ({@code analyze --adversary-share}, agent {@code adversaryShare}). */
  public AnalyzerConfig withAdversaryShare(double f) {
    return withGossip(gossip.withSettings(gossip.settings().withAdversaryShare(f)));
  }

  public AnalyzerConfig withProofs(ProofThresholds v) {
    return new AnalyzerConfig(timing, anonymity, fingerprint, address, linkability, connections, transport, v, maxPeerRows, maxProtocolRows, gossip);
  }
}
