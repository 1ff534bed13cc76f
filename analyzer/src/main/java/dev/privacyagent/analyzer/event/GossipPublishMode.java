package dev.privacyagent.analyzer.event;

/**
 * How the router chose the recipients of our own message: its topic mesh (topped up to D),
 * fanout (D topic peers while not subscribed), or flood publish (every topic peer).
 */
public enum GossipPublishMode {
  MESH,
  FANOUT,
  FLOOD,
  UNKNOWN
}
