package dev.privacyagent.analyzer.collect;

import dev.privacyagent.analyzer.event.Direction;

/**
 * One connection as aggregated by the collector. {@code closedWallMillis} is 0 while open.
 * {@code bytesIn}/{@code bytesOut} sum the stream byte counts that were known.
 */
public record ConnectionStats(
    String node,
    String connId,
    String remotePeerId,
    String localAddr,
    String remoteAddr,
    Direction direction,
    String transport,
    String security,
    String muxer,
    boolean preexisting,
    long openedWallMillis,
    long closedWallMillis,
    long streams,
    long pings,
    long bytesIn,
    long bytesOut) {

  public boolean open() {
    return closedWallMillis == 0;
  }
}
