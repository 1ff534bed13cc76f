package dev.privacyagent.server.source;

/** The answer of {@code POST /api/proofs/verify}: valid, or the first reason it is not. */
public record ProofCheck(boolean valid, String reason) {}
