package dev.privacyagent.analyzer.proof;

/**
 * Thresholds of the statements the analyzer tries to prove about each report.
 *
 * @param minAnonymitySet k in "effective anonymity set >= k"
 * @param maxRiskScore t in "risk score <= t"
 */
public record ProofThresholds(double minAnonymitySet, double maxRiskScore) {
  public ProofThresholds {
    if (!(minAnonymitySet >= 1.0)) {
      throw new IllegalArgumentException("minAnonymitySet must be >= 1, was " + minAnonymitySet);
    }
    if (!(maxRiskScore >= 0.0 && maxRiskScore <= 1.0)) {
      throw new IllegalArgumentException("maxRiskScore must be in [0,1], was " + maxRiskScore);
    }
  }

  public static ProofThresholds defaults() {
    return new ProofThresholds(8.0, 0.5);
  }
}
