package dev.privacyagent.analyzer.event;

/**
 * A libp2p host came into existence; {@code node} is its peer id. {@code nodeName} is the name
 * the agent gives it ({@code nodeName} key; {@code NAME-0}, {@code NAME-1}, ... when one JVM runs
 * several hosts), null when none was configured (older event files never carry one).
 */
public record HostCreated(long seq, long timeNanos, long wallMillis, String node, String peerId, String nodeName)
    implements Event {

  /** A host without a configured name. */
  public HostCreated(long seq, long timeNanos, long wallMillis, String node, String peerId) {
    this(seq, timeNanos, wallMillis, node, peerId, null);
  }
}
