package dev.privacyagent.analyzer.event;

import java.util.List;

/**
 * What our node disclosed about itself in an identify message to {@code remotePeerId};
 * {@code observedAddr} is the remote's address as we told it.
 */
public record IdentifySent(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String connId,
    String remotePeerId,
    String agentVersion,
    String protocolVersion,
    List<String> listenAddrs,
    String observedAddr,
    List<String> protocols)
    implements Event {
  public IdentifySent {
    listenAddrs = List.copyOf(listenAddrs);
    protocols = List.copyOf(protocols);
  }
}
