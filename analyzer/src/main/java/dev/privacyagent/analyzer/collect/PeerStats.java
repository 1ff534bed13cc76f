package dev.privacyagent.analyzer.collect;

import java.util.List;
import java.util.Set;

/**
 * One remote peer as aggregated over all its connections. Identify fields hold the newest
 * identify message received from it (null/empty when none was received).
 *
 * @param remoteIps distinct IP addresses the peer connected from or was dialled at
 * @param connectionsOpened connections opened over the whole window (reconnect churn)
 * @param streams streams opened to or from the peer: its traffic share for anonymity measures
 * @param pingCount pings measured, with {@code meanPingNanos} their mean
 */
public record PeerStats(
    String peerId,
    Set<String> remoteIps,
    long connectionsOpened,
    long connectionsOpen,
    long inbound,
    long outbound,
    long streams,
    long bytes,
    long firstSeenWallMillis,
    long lastSeenWallMillis,
    String agentVersion,
    String protocolVersion,
    List<String> protocols,
    List<String> listenAddrs,
    String observedAddr,
    long pingCount,
    long meanPingNanos) {

  public PeerStats {
    remoteIps = Set.copyOf(remoteIps);
    protocols = protocols == null ? List.of() : List.copyOf(protocols);
    listenAddrs = listenAddrs == null ? List.of() : List.copyOf(listenAddrs);
  }
}
