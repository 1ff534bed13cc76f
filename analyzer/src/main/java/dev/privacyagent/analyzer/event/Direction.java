package dev.privacyagent.analyzer.event;

/** Which side opened a connection or stream, seen from the node that reports the event. */
public enum Direction {
  INBOUND,
  OUTBOUND,
  UNKNOWN
}
