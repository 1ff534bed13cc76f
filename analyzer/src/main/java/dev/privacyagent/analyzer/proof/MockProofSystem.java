package dev.privacyagent.analyzer.proof;

import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Report;
import dev.privacyagent.analyzer.report.RiskScore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A stand-in for a real proof system. A proof is {@code SHA-256(domain | statement | threshold |
 * salt | canonical evidence)}: a hiding-by-salt, binding commitment to the numbers the statement
 * rests on. Verification needs the report itself and recomputes everything, so it shows the
 * shape of a proof workflow (prove, publish, verify, detect tampering) without any of the
 * guarantees a zero-knowledge proof would give. Every rendering says so: {@link #NOTICE}.
 */
public final class MockProofSystem {
  public static final String NOTICE = "MOCK: no cryptographic guarantee";
  public static final String ALGORITHM = "SHA-256";
  private static final String DOMAIN = "dev.privacyagent.mock-proof/1";
  private static final int SALT_BYTES = 16;

  private final RandomGenerator random;

  /** Salts from a {@link SecureRandom}. */
  public MockProofSystem() {
    this(new SecureRandom());
  }

  /** Salts from {@code random} (a seeded generator makes proofs reproducible in tests). */
  public MockProofSystem(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
  }

  /** One proof per statement, each saying whether it holds for {@code report}. */
  public List<Proof> prove(Report report, ProofThresholds thresholds) {
    return List.of(
        prove(ProofStatement.ANONYMITY_SET_AT_LEAST, thresholds.minAnonymitySet(), report),
        prove(ProofStatement.RISK_SCORE_AT_MOST, thresholds.maxRiskScore(), report),
        prove(ProofStatement.NO_TIMING_CORRELATION, 0.0, report));
  }

  public Proof prove(ProofStatement statement, double threshold, Report report) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    String saltHex = HexFormat.of().formatHex(salt);
    double claimed = claimedValue(statement, report);
    return new Proof(
        statement,
        threshold,
        holds(statement, claimed, threshold),
        claimed,
        saltHex,
        commitment(statement, threshold, saltHex, report),
        ALGORITHM,
        NOTICE);
  }

  /**
   * Valid when the proof's statement holds for {@code report}, its claimed value is the report's,
   * and the commitment recomputed from the report's evidence and the proof's salt matches.
   */
  public static Verification verify(Proof proof, Report report) {
    if (proof == null || report == null) {
      return Verification.fail("proof and report are both required");
    }
    if (!ALGORITHM.equals(proof.algorithm())) {
      return Verification.fail("unsupported algorithm " + proof.algorithm());
    }
    if (proof.statement() == ProofStatement.RISK_SCORE_AT_MOST
        && Double.compare(RiskScore.of(report.findings()), report.riskScore()) != 0) {
      return Verification.fail("report risk score does not follow from its findings");
    }
    double claimed = claimedValue(proof.statement(), report);
    if (Double.compare(claimed, proof.claimedValue()) != 0) {
      return Verification.fail(
          "claimed value " + proof.claimedValue() + " differs from the report's " + claimed);
    }
    if (!holds(proof.statement(), claimed, proof.threshold())) {
      return Verification.fail(
          "statement " + proof.statement().label() + " does not hold: value " + claimed
              + ", threshold " + proof.threshold());
    }
    if (!proof.holds()) {
      return Verification.fail("proof says its statement does not hold");
    }
    byte[] expected;
    byte[] given;
    try {
      expected = HexFormat.of().parseHex(commitment(proof.statement(), proof.threshold(), proof.saltHex(), report));
      given = HexFormat.of().parseHex(proof.commitmentHex());
    } catch (IllegalArgumentException e) {
      return Verification.fail("malformed hex in proof: " + e.getMessage());
    }
    if (!MessageDigest.isEqual(expected, given)) {
      return Verification.fail("commitment does not match the report's evidence");
    }
    return Verification.ok();
  }

  static double claimedValue(ProofStatement statement, Report report) {
    return switch (statement) {
      case ANONYMITY_SET_AT_LEAST -> report.anonymity().effectiveAnonymitySet();
      case RISK_SCORE_AT_MOST -> report.riskScore();
      case NO_TIMING_CORRELATION -> report.findings(Category.TIMING).size();
    };
  }

  static boolean holds(ProofStatement statement, double value, double threshold) {
    return switch (statement) {
      case ANONYMITY_SET_AT_LEAST -> value >= threshold;
      case RISK_SCORE_AT_MOST -> value <= threshold;
      case NO_TIMING_CORRELATION -> value == 0.0;
    };
  }

  static String commitment(ProofStatement statement, double threshold, String saltHex, Report report) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance(ALGORITHM);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    String preimage =
        DOMAIN + '\n' + statement.name() + '\n' + threshold + '\n' + saltHex + '\n'
            + CanonicalEvidence.of(statement, report);
    return HexFormat.of().formatHex(sha.digest(preimage.getBytes(StandardCharsets.UTF_8)));
  }
}
