package dev.privacyagent.analyzer.collect;

import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.IdentifySent;
import java.util.List;
import java.util.Map;

/**
 * An immutable view of everything the collector holds at one instant: the input of every
 * detector. Maps are keyed by id; collections are unmodifiable copies.
 *
 * @param takenWallMillis when the snapshot was taken (epoch ms)
 * @param firstWallMillis wall time of the oldest event still represented, or 0 when empty
 * @param lastWallMillis wall time of the newest event, or 0 when empty
 * @param localNodes peer ids of the local hosts that produced the events (several when files of
 *     several nodes are merged)
 * @param connections per connection, keyed by {@code node + "/" + connId}
 * @param peers per remote peer id
 * @param protocols per protocol id: how many streams negotiated it
 * @param prefixes per network prefix (/24 IPv4, /48 IPv6) of remote addresses
 * @param disclosed what our node(s) disclosed in identify, newest per node
 * @param recentEvents the bounded ring of raw events, oldest first (timing analysis reads it)
 * @param counters ingestion, drop and eviction counters
 * @param windowMillis the time window the aggregates cover, ending at {@code lastWallMillis}; 0
 *     for the whole run
 * @param notes human-readable remarks about the input that a report should show: unknown event
 *     types and fields, skipped lines, a window the raw-event ring could not fully cover
 * @param gossip per local node that produced gossip events: its gossipsub view (whole run, not
 *     windowed; gossip events are not kept in the raw-event ring)
 */
public record Snapshot(
    long takenWallMillis,
    long firstWallMillis,
    long lastWallMillis,
    List<String> localNodes,
    Map<String, ConnectionStats> connections,
    Map<String, PeerStats> peers,
    Map<String, Long> protocols,
    Map<String, PrefixStats> prefixes,
    Map<String, IdentifySent> disclosed,
    List<Event> recentEvents,
    CollectorCounters counters,
    long windowMillis,
    List<String> notes,
    Map<String, GossipView> gossip) {

  public Snapshot {
    notes = List.copyOf(notes);
    localNodes = List.copyOf(localNodes);
    connections = Map.copyOf(connections);
    peers = Map.copyOf(peers);
    protocols = Map.copyOf(protocols);
    prefixes = Map.copyOf(prefixes);
    disclosed = Map.copyOf(disclosed);
    recentEvents = List.copyOf(recentEvents);
    gossip = Map.copyOf(gossip);
  }

  /** The gossip view of {@code node}, or null when it produced no gossip events. */
  public GossipView gossipOf(String node) {
    return gossip.get(node);
  }

  /**
   * The instant the events describe the node up to: the newest event's wall time, or the snapshot
   * time when there is none. Ages of open connections are measured against it, so that a file
   * recorded last month is analysed as of its own end, not as of today.
   */
  public long observedUntilWallMillis() {
    return lastWallMillis > 0 ? lastWallMillis : takenWallMillis;
  }
}
