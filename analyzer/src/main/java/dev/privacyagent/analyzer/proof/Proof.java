package dev.privacyagent.analyzer.proof;

import java.util.Objects;

/**
 * A MOCK proof: a salted SHA-256 commitment to the canonical evidence a statement rests on.
 * It binds the statement to one report (any change to that evidence breaks {@link
 * MockProofSystem#verify}), but it hides nothing from a verifier, who needs the report itself:
 * it is not zero knowledge and gives no cryptographic guarantee.
 *
 * @param holds whether the statement was true of the report when the proof was made
 * @param claimedValue the measured value the statement compares (2^H, risk score, or the number
 *     of timing findings)
 * @param saltHex 16 random bytes, hex
 * @param commitmentHex SHA-256 over domain tag, statement, threshold, salt and evidence, hex
 * @param notice always {@link MockProofSystem#NOTICE}
 */
public record Proof(
    ProofStatement statement,
    double threshold,
    boolean holds,
    double claimedValue,
    String saltHex,
    String commitmentHex,
    String algorithm,
    String notice) {

  public Proof {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(saltHex, "saltHex");
    Objects.requireNonNull(commitmentHex, "commitmentHex");
    algorithm = algorithm == null ? MockProofSystem.ALGORITHM : algorithm;
    notice = MockProofSystem.NOTICE;
  }
}
