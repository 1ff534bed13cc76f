package dev.privacyagent.analyzer.proof;

/** The outcome of {@link MockProofSystem#verify}: valid, or the first reason it is not. */
public record Verification(boolean valid, String reason) {
  static Verification ok() {
    return new Verification(true, "statement holds and commitment matches (" + MockProofSystem.NOTICE + ")");
  }

  static Verification fail(String reason) {
    return new Verification(false, reason);
  }
}
