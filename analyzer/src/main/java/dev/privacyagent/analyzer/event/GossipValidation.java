package dev.privacyagent.analyzer.event;

/** Validation result of a received gossip message; PENDING while asynchronous validation runs. */
public enum GossipValidation {
  VALID,
  INVALID,
  IGNORE,
  PENDING,
  UNKNOWN
}
