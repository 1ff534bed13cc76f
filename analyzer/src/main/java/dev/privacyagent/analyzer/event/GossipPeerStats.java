package dev.privacyagent.analyzer.event;

import java.util.List;

/**
 * One gossip peer's traffic during the {@code intervalNanos} that end at this event: counts since
 * the previous GossipPeerStats of the same peer (deltas). Control counts are message ids carried
 * in IHAVE / IWANT / IDONTWANT entries, {@code In} = received from the peer, {@code Out} = sent.
 *
 * @param firstDeliveryTopics topics on which this peer delivered a first copy in the interval (at
 *     most 64): what shows the peers whose messages reach us first, per subnet
 */
public record GossipPeerStats(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String peerId,
    long intervalNanos,
    long firstDeliveries,
    long duplicates,
    long invalid,
    long ihaveIn,
    long ihaveOut,
    long iwantIn,
    long iwantOut,
    long idontwantIn,
    long idontwantOut,
    List<String> firstDeliveryTopics)
    implements GossipEvent {
  public GossipPeerStats {
    firstDeliveryTopics = List.copyOf(firstDeliveryTopics);
  }
}
