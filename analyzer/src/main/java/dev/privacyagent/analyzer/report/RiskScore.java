package dev.privacyagent.analyzer.report;

import java.util.Collection;

/**
 * The overall risk score: the chance that at least one finding is a real, exploitable exposure,
 * if each finding were an independent event with probability {@code weight(severity) *
 * confidence}:
 *
 * <pre>risk = 1 - prod over findings f of (1 - w(f.severity) * f.confidence)</pre>
 *
 * with w(INFO)=0, w(LOW)=0.1, w(MEDIUM)=0.3, w(HIGH)=0.6, w(CRITICAL)=0.9, rounded to 4 decimals.
 * No findings give 0; one fully confident CRITICAL gives at least 0.9; many LOW findings add up
 * but stay below 1. The product is taken in the order of {@link Finding#id()}, so the same
 * findings always give the same double.
 */
public final class RiskScore {
  public static final String FORMULA =
      "risk = 1 - prod_f (1 - w(severity_f) * confidence_f), "
          + "w: INFO 0, LOW 0.1, MEDIUM 0.3, HIGH 0.6, CRITICAL 0.9; rounded to 4 decimals";

  private RiskScore() {}

  public static double of(Collection<Finding> findings) {
    double keep = 1.0;
    for (Finding f :
        findings.stream().sorted(java.util.Comparator.comparing(Finding::id)).toList()) {
      keep *= 1.0 - f.severity().weight() * f.confidence();
    }
    return round4(1.0 - keep);
  }

  static double round4(double v) {
    double r = Math.round(v * 10_000.0) / 10_000.0;
    return r == 0.0 ? 0.0 : Math.min(1.0, Math.max(0.0, r));
  }
}
