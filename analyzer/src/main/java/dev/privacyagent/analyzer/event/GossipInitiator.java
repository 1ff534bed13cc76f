package dev.privacyagent.analyzer.event;

/** Which side started a gossip mesh change: our router (GRAFT/PRUNE sent) or the remote peer. */
public enum GossipInitiator {
  LOCAL,
  REMOTE,
  UNKNOWN
}
