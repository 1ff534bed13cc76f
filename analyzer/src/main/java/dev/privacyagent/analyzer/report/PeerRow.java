package dev.privacyagent.analyzer.report;

import java.util.List;

/**
 * One row of the peer table. Strings are bounded ({@link Text#bound}); lists are cut to a few
 * entries with their full size alongside.
 *
 * @param direction {@code inbound}, {@code outbound}, {@code both} or {@code unknown}
 * @param trafficShare this peer's share of all traffic (the unit of {@link AnonymityMeasures})
 * @param meanPingMillis mean ping RTT, or -1 when never pinged
 */
public record PeerRow(
    String peerId,
    List<String> ips,
    String agentVersion,
    String protocolVersion,
    List<String> protocols,
    long protocolCount,
    List<String> listenAddrs,
    String direction,
    long inbound,
    long outbound,
    long connectionsOpened,
    long connectionsOpen,
    long streams,
    long bytes,
    double trafficShare,
    long firstSeenWallMillis,
    long lastSeenWallMillis,
    double meanPingMillis) {

  public PeerRow {
    ips = ips == null ? List.of() : List.copyOf(ips);
    protocols = protocols == null ? List.of() : List.copyOf(protocols);
    listenAddrs = listenAddrs == null ? List.of() : List.copyOf(listenAddrs);
  }
}
