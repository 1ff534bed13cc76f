package dev.privacyagent.analyzer.report;

/** The kind of privacy exposure a finding describes; one per detector. */
public enum Category {
  TIMING,
  ANONYMITY_SET,
  FINGERPRINTING,
  ADDRESS_LEAKAGE,
  LINKABILITY,
  CONNECTION_PATTERN,
  TRANSPORT_SECURITY,
  GOSSIP_SUBSCRIPTIONS,
  DUTY_EXPOSURE,
  ORIGIN_EXPOSURE,
  PUBLISH_RATE,
  GOSSIP_OBSERVATION
}
