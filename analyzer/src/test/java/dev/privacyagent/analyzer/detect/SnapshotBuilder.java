package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.CollectorCounters;
import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.Multiaddrs;
import dev.privacyagent.analyzer.collect.PeerStats;
import dev.privacyagent.analyzer.collect.PrefixStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.analyzer.event.PingRtt;
import dev.privacyagent.analyzer.event.ProtocolNegotiated;
import dev.privacyagent.analyzer.event.StreamOpened;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds snapshots for detector, renderer and proof tests without a collector. */
public final class SnapshotBuilder {
  public static final String NODE = "12D3KooWLocalNode";
  public static final long T0 = 1_700_000_000_000L;

  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final Map<String, ConnectionStats> connections = new LinkedHashMap<>();
  private final Map<String, IdentifySent> disclosed = new LinkedHashMap<>();
  private final Map<String, Long> protocols = new HashMap<>();
  private final List<Event> events = new ArrayList<>();
  private long taken = T0 + 60_000;
  private long seq;
  private int streamSeq;
  private final List<String> notes = new ArrayList<>();
  private final Map<String, GossipView> gossip = new LinkedHashMap<>();

  /** Adds a node's gossip view (build one with GossipAggregates from events). */
  public SnapshotBuilder gossip(GossipView view) {
    gossip.put(view.node(), view);
    return this;
  }

  public static SnapshotBuilder create() {
    return new SnapshotBuilder();
  }

  /** A mutable peer spec; {@link #build()} turns it into {@link PeerStats}. */
  public final class Peer {
    final String id;
    final Set<String> ips = new LinkedHashSet<>();
    long opened = 1;
    long open = 1;
    long inbound;
    long outbound = 1;
    long streams;
    long bytes;
    String agent;
    List<String> protocols = List.of();
    List<String> listenAddrs = List.of();
    String observed;

    Peer(String id) {
      this.id = id;
    }

    public Peer ip(String... v) {
      ips.addAll(List.of(v));
      return this;
    }

    public Peer streams(long v) {
      streams = v;
      return this;
    }

    public Peer connectionsOpened(long v) {
      opened = v;
      return this;
    }

    public Peer agent(String v) {
      agent = v;
      return this;
    }

    public Peer protocols(String... v) {
      protocols = List.of(v);
      return this;
    }

    public Peer listenAddrs(String... v) {
      listenAddrs = List.of(v);
      return this;
    }

    public Peer observed(String v) {
      observed = v;
      return this;
    }

    public Peer direction(long in, long out) {
      inbound = in;
      outbound = out;
      return this;
    }

    public SnapshotBuilder done() {
      return SnapshotBuilder.this;
    }

    PeerStats build() {
      return new PeerStats(id, ips, opened, open, inbound, outbound, streams, bytes, T0, taken,
          agent, agent == null ? null : "ipfs/0.1.0", protocols, listenAddrs, observed, 0, 0);
    }
  }

  public Peer peer(String id) {
    return peers.computeIfAbsent(id, Peer::new);
  }

  /** {@code n} peers {@code prefix-i} with {@code streams} streams each, each in its own /24. */
  public SnapshotBuilder spreadPeers(String prefix, int n, long streams) {
    for (int i = 0; i < n; i++) {
      peer(prefix + i).ip("203.0." + (i % 250) + "." + (1 + i / 250)).streams(streams);
    }
    return this;
  }

  public SnapshotBuilder connection(String connId, String peerId, String remoteAddr, Direction dir,
      String security, long openedAt, long closedAt) {
    connections.put(NODE + "/" + connId, new ConnectionStats(NODE, connId, peerId, "/ip4/0.0.0.0/tcp/4001",
        remoteAddr, dir, "tcp", security, "/yamux/1.0.0", false, openedAt, closedAt, 0, 0, 0, 0));
    return this;
  }

  /** A connection over {@code transport} with the given local address, security and muxer ids. */
  public SnapshotBuilder connection(String connId, String peerId, String localAddr, String remoteAddr,
      Direction dir, String transport, String security, String muxer) {
    connections.put(NODE + "/" + connId, new ConnectionStats(NODE, connId, peerId, localAddr,
        remoteAddr, dir, transport, security, muxer, false, T0, 0, 0, 0, 0, 0));
    return this;
  }

  public SnapshotBuilder disclosed(String agentVersion, List<String> protocolIds, List<String> listenAddrs) {
    disclosed.put(NODE, new IdentifySent(seq++, 0, T0, NODE, "c0", "peer", agentVersion, "ipfs/0.1.0",
        listenAddrs, "/ip4/1.1.1.1/tcp/1", protocolIds));
    return this;
  }

  public SnapshotBuilder protocolCount(String protocol, long streams) {
    protocols.put(protocol, streams);
    return this;
  }

  /** A connection event on {@code connId} to {@code peerId} at {@code millis} after T0. */
  public SnapshotBuilder connOpenedEvent(String connId, String peerId, double millis) {
    events.add(new ConnectionOpened(seq++, nanos(millis), T0 + (long) millis, NODE, connId, NODE, peerId,
        "/ip4/0.0.0.0/tcp/4001", "/ip4/203.0.113.9/tcp/4001", Direction.OUTBOUND, "tcp", "/noise", "/yamux/1.0.0", false));
    return this;
  }

  /** A stream on {@code connId} at {@code millis} after T0, negotiating {@code protocol}. */
  public SnapshotBuilder streamAt(String connId, double millis, String protocol) {
    String sid = "s" + (streamSeq++);
    events.add(new StreamOpened(seq++, nanos(millis), T0 + (long) millis, NODE, sid, connId, Direction.OUTBOUND));
    events.add(new ProtocolNegotiated(seq++, nanos(millis) + 100_000, T0 + (long) millis, NODE, sid, protocol));
    return this;
  }

  public SnapshotBuilder pingAt(String connId, String peerId, double millis) {
    events.add(new PingRtt(seq++, nanos(millis), T0 + (long) millis, NODE, connId, peerId, 1_000_000));
    return this;
  }

  public SnapshotBuilder event(Event e) {
    events.add(e);
    return this;
  }

  public SnapshotBuilder takenAt(long wallMillis) {
    taken = wallMillis;
    return this;
  }

  public SnapshotBuilder note(String note) {
    notes.add(note);
    return this;
  }

  private static long nanos(double millis) {
    return 5_000_000_000L + (long) (millis * 1_000_000);
  }

  public Snapshot build() {
    Map<String, PeerStats> ps = new LinkedHashMap<>();
    Map<String, long[]> prefixAgg = new LinkedHashMap<>();
    for (Peer p : peers.values()) {
      ps.put(p.id, p.build());
      for (String ip : p.ips) {
        String prefix = Multiaddrs.prefixOfIp(ip);
        if (prefix != null) {
          long[] agg = prefixAgg.computeIfAbsent(prefix, k -> new long[2]);
          agg[0]++;
          agg[1] += p.streams / p.ips.size();
        }
      }
    }
    Map<String, PrefixStats> prefixes = new LinkedHashMap<>();
    prefixAgg.forEach((k, v) -> prefixes.put(k, new PrefixStats(k, v[0], v[1])));
    long first = events.stream().mapToLong(Event::wallMillis).min().orElse(T0);
    long last = events.stream().mapToLong(Event::wallMillis).max().orElse(taken);
    events.sort((a, b) -> Long.compare(a.timeNanos(), b.timeNanos()));
    CollectorCounters counters = new CollectorCounters(events.size() + ps.size(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    return new Snapshot(taken, first, last, List.of(NODE), connections, ps, protocols, prefixes,
        disclosed, events, counters, 0, notes, gossip);
  }
}
