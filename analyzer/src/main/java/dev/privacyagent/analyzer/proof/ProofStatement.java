package dev.privacyagent.analyzer.proof;

/** What a mock proof claims about a report. */
public enum ProofStatement {
  /** The effective anonymity set 2^H is at least the threshold k. */
  ANONYMITY_SET_AT_LEAST("anonymity-set-size >= k"),
  /** The overall risk score is at most the threshold t. */
  RISK_SCORE_AT_MOST("risk-score <= t"),
  /** No finding of category TIMING is in the report (threshold unused, 0). */
  NO_TIMING_CORRELATION("no-timing-correlation");

  private final String label;

  ProofStatement(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
