package dev.privacyagent.analyzer.event;

import java.util.List;

/** The node dials a peer; {@code peerId} is null when the dial names only addresses. */
public record DialStarted(
    long seq, long timeNanos, long wallMillis, String node, String peerId, List<String> addrs)
    implements Event {
  public DialStarted {
    addrs = List.copyOf(addrs);
  }
}
