package dev.privacyagent.analyzer.event;

import java.util.List;

/** What a remote peer disclosed about itself in an identify message. */
public record IdentifyReceived(
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
  public IdentifyReceived {
    listenAddrs = List.copyOf(listenAddrs);
    protocols = List.copyOf(protocols);
  }
}
