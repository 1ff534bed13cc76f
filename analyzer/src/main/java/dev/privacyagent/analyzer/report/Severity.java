package dev.privacyagent.analyzer.report;

/**
 * How bad a finding is. The weight is the probability-like contribution a fully confident finding
 * of this severity makes to the overall risk score (see {@link RiskScore}).
 */
public enum Severity {
  INFO(0.0),
  LOW(0.1),
  MEDIUM(0.3),
  HIGH(0.6),
  CRITICAL(0.9);

  private final double weight;

  Severity(double weight) {
    this.weight = weight;
  }

  public double weight() {
    return weight;
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
