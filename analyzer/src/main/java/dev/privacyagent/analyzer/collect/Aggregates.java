package dev.privacyagent.analyzer.collect;

import dev.privacyagent.analyzer.codec.Bounds;
import dev.privacyagent.analyzer.event.*;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mutable per-connection, per-peer, per-protocol and per-prefix state the collector folds
 * events into, with a running estimate of its memory and eviction of the oldest closed state
 * when the estimate passes the cap. Single-threaded: the collector guards it with its lock.
 *
 * <p>Eviction is amortised O(1) per event whatever the number of open connections: closed
 * connections, peers without an open connection and prefixes without one each wait in an order
 * of their own, so eviction only ever visits what it removes. When only state of open connections
 * is left and a new connection would pass the cap, that connection is not tracked (counted as
 * {@code untrackedConnections}; its raw events stay in the ring) instead of rescanning.
 *
 * <p>The estimate is deliberately simple (a fixed cost per object plus one byte per string char,
 * constants below) so that it is cheap to keep up to date and easy to reason about; it tracks
 * the real heap use within a small factor, which is what a cap needs.
 */
final class Aggregates {
  static final long CONN_BYTES = 320;
  static final long PEER_BYTES = 480;
  static final long STREAM_BYTES = 144;
  static final long PROTOCOL_BYTES = 120;
  static final long PREFIX_BYTES = 200;
  static final long MEMBER_BYTES = 48;
  static final long STRING_BYTES = 48;

  /** Stands in for a missing node or peer id: a live source may not know it (yet). */
  static final String UNKNOWN = "(unknown)";

  static final class NodeState {
    final String node;
    final HashMap<String, Conn> conns = new HashMap<>();
    final LinkedHashMap<String, Stream> streams = new LinkedHashMap<>();
    /** This node's entries of {@link Aggregates#protocols} by protocol id: no key to build per stream. */
    final HashMap<String, Protocol> protocols = new HashMap<>();

    NodeState(String node) {
      this.node = node;
    }
  }

  static final class Conn {
    final NodeState ns;
    final ConnectionOpened opened;
    final String prefix;
    final long size;
    // cached so that stream and ping events need no map lookups; re-looked-up if evicted
    Peer peer;
    Prefix prefixState;
    long closedWall;
    long streams;
    long pings;
    long bytesIn;
    long bytesOut;

    Conn(NodeState ns, ConnectionOpened opened, String prefix) {
      this.ns = ns;
      this.opened = opened;
      this.prefix = prefix;
      this.size = CONN_BYTES + str(opened.connId()) + str(opened.remotePeerId()) + str(opened.localAddr())
          + str(opened.remoteAddr()) + str(opened.transport()) + str(opened.security()) + str(opened.muxer());
    }
  }

  static final class Peer {
    final String node;
    final String peerId;
    final LinkedHashSet<String> ips = new LinkedHashSet<>();
    long connectionsOpened;
    long connectionsOpen;
    long inbound;
    long outbound;
    long streams;
    long bytes;
    long firstSeen;
    long lastSeen;
    IdentifyReceived identify;
    long identifySize;
    long pingCount;
    long pingSum;
    boolean evicted;

    Peer(String node, String peerId, long wall) {
      this.node = node;
      this.peerId = peerId;
      this.firstSeen = wall;
      this.lastSeen = wall;
    }
  }

  static final class Stream {
    Conn conn;

    Stream(Conn conn) {
      this.conn = conn;
    }
  }

  static final class Prefix {
    final String node;
    final String prefix;
    final Set<String> peers = new HashSet<>();
    long streams;
    long openConns;
    boolean evicted;

    Prefix(String node, String prefix) {
      this.node = node;
      this.prefix = prefix;
    }
  }

  /** Streams that negotiated one protocol on one node. */
  static final class Protocol {
    final String node;
    final String id;
    long streams;

    Protocol(String node, String id) {
      this.node = node;
      this.id = id;
    }
  }

  /**
   * Peers, prefixes and protocols are kept per local node (each node's view is its own), in maps
   * shared by all nodes so that eviction stays least-recently-used across them.
   */
  static String key(String node, String id) {
    return node + '\n' + id;
  }

  private final Aggregates seed;
  private final long capBytes;
  private final Map<String, NodeState> nodes = new LinkedHashMap<>();
  private NodeState lastNode;
  private final ArrayDeque<Conn> closedOrder = new ArrayDeque<>();
  private final HashMap<String, Peer> peers = new HashMap<>(1024);
  /** Peers without an open connection, least recently used first: the ones eviction may take. */
  private final LinkedHashMap<String, Peer> idlePeers = new LinkedHashMap<>(1024, 0.75f, true);
  private final HashMap<String, Protocol> protocols = new HashMap<>();
  private final HashMap<String, Prefix> prefixes = new HashMap<>(256);
  /** Prefixes without an open connection, least recently used first. */
  private final LinkedHashMap<String, Prefix> idlePrefixes = new LinkedHashMap<>(256, 0.75f, true);
  private final LinkedHashMap<String, IdentifySent> disclosed = new LinkedHashMap<>();
  private final LinkedHashSet<String> localNodes = new LinkedHashSet<>();
  private final HashMap<String, String> names = new HashMap<>();

  long firstWall;
  long lastWall;
  long events;
  long bytes;
  long evictedConnections;
  long evictedPeers;
  long evictedStreams;
  long evictedPrefixes;
  long untrackedConnections;
  /** Entries eviction has looked at (what keeps it O(1) per event; tests read it). */
  long evictionVisits;

  /**
   * @param capBytes eviction starts above this estimate; 0 for no cap
   * @param seed state of a longer period that supplies what a windowed fold needs from before
   *     the window (a connection's metadata, a peer's identify); null for a plain fold
   */
  Aggregates(long capBytes, Aggregates seed) {
    this.capBytes = capBytes;
    this.seed = seed;
  }

  static long str(String s) {
    return s == null ? 0 : STRING_BYTES + s.length();
  }

  void fold(Event e) {
    events++;
    long wall = e.wallMillis();
    if (firstWall == 0 || wall < firstWall) {
      firstWall = wall;
    }
    if (wall > lastWall) {
      lastWall = wall;
    }
    NodeState ns = node(e.node());
    if (e instanceof StreamOpened so) {
      streamOpened(ns, so);
    } else if (e instanceof ProtocolNegotiated pn) {
      protocolNegotiated(ns, pn);
    } else if (e instanceof StreamClosed sc) {
      streamClosed(ns, sc);
    } else if (e instanceof PingRtt pr) {
      ping(ns, pr);
    } else if (e instanceof ConnectionOpened co) {
      connectionOpened(ns, co);
    } else if (e instanceof ConnectionClosed cc) {
      connectionClosed(ns, cc);
    } else if (e instanceof IdentifyReceived ir) {
      identifyReceived(ns, ir);
    } else if (e instanceof IdentifySent is) {
      IdentifySent old = disclosed.put(ns.node, is);
      bytes += identifySize(is.agentVersion(), is.listenAddrs(), is.protocols())
          - (old == null ? 0 : identifySize(old.agentVersion(), old.listenAddrs(), old.protocols()));
    } else if (e instanceof HostCreated hc) {
      if (hc.peerId() != null && localNodes.add(hc.peerId())) {
        bytes += str(hc.peerId());
      }
      if (hc.nodeName() != null && hc.peerId() != null
          && names.size() < MetadataCollector.MAX_NODE_SNAPSHOTS * 4
          && !hc.nodeName().equals(names.put(hc.peerId(), hc.nodeName()))) {
        bytes += str(hc.nodeName());
      }
    }
    if (capBytes > 0 && bytes > capBytes) {
      evict();
    }
  }

  private NodeState node(String nodeOrNull) {
    String node = nodeOrNull == null ? UNKNOWN : nodeOrNull;
    NodeState ns = lastNode;
    if (ns != null && ns.node.equals(node)) {
      return ns;
    }
    ns = nodes.get(node);
    if (ns == null) {
      ns = new NodeState(node);
      nodes.put(node, ns);
      localNodes.add(node);
      bytes += PEER_BYTES + str(node);
    }
    lastNode = ns;
    return ns;
  }

  private Peer peer(NodeState ns, String peerIdOrNull, long wall) {
    String peerId = peerIdOrNull == null ? UNKNOWN : peerIdOrNull;
    String key = key(ns.node, peerId);
    Peer p = peers.get(key);
    if (p == null) {
      p = new Peer(ns.node, peerId, wall);
      peers.put(key, p);
      idlePeers.put(key, p);
      bytes += PEER_BYTES + str(peerId);
      Peer old = seed == null ? null : seed.peers.get(key);
      if (old != null && old.identify != null) {
        setIdentify(p, old.identify);
      }
    } else {
      if (p.connectionsOpen <= 0) {
        idlePeers.get(key); // recently used: evicted later
      }
      if (wall > p.lastSeen) {
        p.lastSeen = wall;
      } else if (wall < p.firstSeen) {
        p.firstSeen = wall;
      }
    }
    return p;
  }

  private void connectionOpened(NodeState ns, ConnectionOpened co) {
    if (co.connId() == null) {
      return; // cannot be keyed; the raw event stays in the ring
    }
    Conn old = ns.conns.get(co.connId());
    if (old != null && old.closedWall == 0) {
      return; // reported twice (attach found it open, then it was seen again): count once
    }
    String ip = Multiaddrs.ip(co.remoteAddr());
    Conn c = new Conn(ns, co, ip == null ? null : Multiaddrs.prefixOfIp(ip));
    // at most what tracking it adds: the connection, a new peer, a new prefix, their strings
    long need = c.size + PEER_BYTES + str(co.remotePeerId()) + PREFIX_BYTES + str(c.prefix) + MEMBER_BYTES + str(ip);
    if (capBytes > 0 && bytes + need > capBytes) {
      evict();
      if (bytes + need > capBytes) {
        untrackedConnections++; // only open state is left: degrade visibly instead of rescanning
        return;
      }
    }
    ns.conns.put(co.connId(), c);
    bytes += c.size;
    Peer p = peer(ns, co.remotePeerId(), co.wallMillis());
    p.connectionsOpened++;
    attach(c, p, ip);
  }

  /** Counts an open connection on its peer and prefix. */
  private void attach(Conn c, Peer p, String ip) {
    c.peer = p;
    if (p.connectionsOpen++ <= 0) {
      idlePeers.remove(key(p.node, p.peerId));
    }
    if (c.opened.direction() == Direction.INBOUND) {
      p.inbound++;
    } else if (c.opened.direction() == Direction.OUTBOUND) {
      p.outbound++;
    }
    if (ip != null && p.ips.size() < Bounds.MAX_LIST_ENTRIES && p.ips.add(ip)) {
      bytes += str(ip);
    }
    if (c.prefix != null) {
      String key = key(c.ns.node, c.prefix);
      Prefix px = prefixes.get(key);
      if (px == null) {
        px = new Prefix(c.ns.node, c.prefix);
        prefixes.put(key, px);
        bytes += PREFIX_BYTES + str(c.prefix);
      }
      if (px.openConns++ <= 0) {
        idlePrefixes.remove(key);
      }
      c.prefixState = px;
      if (px.peers.add(p.peerId)) {
        bytes += MEMBER_BYTES;
      }
    }
  }

  /** The open or recently closed connection, taken over from the seed in a windowed fold. */
  private Conn conn(NodeState ns, String connId) {
    Conn c = ns.conns.get(connId);
    if (c == null && seed != null) {
      NodeState sns = seed.nodes.get(ns.node);
      Conn sc = sns == null ? null : sns.conns.get(connId);
      if (sc != null) {
        c = adopt(ns, sc);
      }
    }
    return c;
  }

  private Conn adopt(NodeState ns, Conn sc) {
    Conn c = new Conn(ns, sc.opened, sc.prefix);
    ns.conns.put(sc.opened.connId(), c);
    bytes += c.size;
    attach(c, peer(ns, sc.opened.remotePeerId(), sc.opened.wallMillis()), Multiaddrs.ip(sc.opened.remoteAddr()));
    return c;
  }

  private void connectionClosed(NodeState ns, ConnectionClosed cc) {
    Conn c = conn(ns, cc.connId());
    if (c == null || c.closedWall != 0) {
      return;
    }
    c.closedWall = cc.wallMillis();
    closedOrder.add(c);
    if (c.prefixState != null && !c.prefixState.evicted && --c.prefixState.openConns <= 0) {
      idlePrefixes.put(key(ns.node, c.prefix), c.prefixState);
    }
    Peer p = livePeer(c);
    if (p != null) {
      if (--p.connectionsOpen <= 0) {
        idlePeers.put(key(p.node, p.peerId), p);
      }
      p.lastSeen = Math.max(p.lastSeen, cc.wallMillis());
    }
  }

  private void streamOpened(NodeState ns, StreamOpened so) {
    if (so.streamId() == null) {
      return;
    }
    Stream s = new Stream(null);
    if (ns.streams.putIfAbsent(so.streamId(), s) != null) {
      return; // reported twice
    }
    Conn c = conn(ns, so.connId());
    s.conn = c;
    bytes += STREAM_BYTES + str(so.streamId());
    if (c == null) {
      return;
    }
    c.streams++;
    Peer p = livePeer(c);
    if (p == null) {
      p = peer(ns, c.opened.remotePeerId(), so.wallMillis());
      c.peer = p;
    } else if (so.wallMillis() > p.lastSeen) {
      p.lastSeen = so.wallMillis();
    }
    p.streams++;
    if (c.prefixState != null && !c.prefixState.evicted) {
      c.prefixState.streams++;
    }
  }

  private Stream stream(NodeState ns, String streamId) {
    Stream s = ns.streams.get(streamId);
    if (s == null && seed != null) {
      NodeState sns = seed.nodes.get(ns.node);
      Stream ss = sns == null ? null : sns.streams.get(streamId);
      if (ss != null && ss.conn != null) {
        s = new Stream(conn(ns, ss.conn.opened.connId()));
        ns.streams.put(streamId, s);
        bytes += STREAM_BYTES + str(streamId);
      }
    }
    return s;
  }

  private void protocolNegotiated(NodeState ns, ProtocolNegotiated pn) {
    if (pn.protocolId() == null) {
      return;
    }
    Protocol n = ns.protocols.get(pn.protocolId());
    if (n == null) {
      String key = key(ns.node, pn.protocolId());
      n = protocols.get(key);
      if (n == null) {
        n = new Protocol(ns.node, pn.protocolId());
        protocols.put(key, n);
        bytes += PROTOCOL_BYTES + str(pn.protocolId());
      }
      ns.protocols.put(pn.protocolId(), n); // protocols are never evicted, so this stays right
    }
    n.streams++;
  }

  private void streamClosed(NodeState ns, StreamClosed sc) {
    Stream s = ns.streams.remove(sc.streamId());
    if (s == null) {
      s = stream(ns, sc.streamId());
      if (s == null) {
        return;
      }
      ns.streams.remove(sc.streamId());
    }
    bytes -= STREAM_BYTES + str(sc.streamId());
    if (s.conn == null) {
      return;
    }
    long in = sc.bytesIn() == null ? 0 : sc.bytesIn();
    long out = sc.bytesOut() == null ? 0 : sc.bytesOut();
    s.conn.bytesIn += in;
    s.conn.bytesOut += out;
    Peer p = livePeer(s.conn);
    if (p != null) {
      p.bytes += in + out;
      p.lastSeen = Math.max(p.lastSeen, sc.wallMillis());
    }
  }

  private void ping(NodeState ns, PingRtt pr) {
    Conn c = conn(ns, pr.connId());
    if (c != null) {
      c.pings++;
    }
    Peer p = c == null ? null : livePeer(c);
    String peerId = pr.remotePeerId();
    if (peerId == null) {
      if (c == null) {
        return; // neither a known connection nor a peer id: only the raw event remains
      }
      if (p == null) {
        p = peer(ns, c.opened.remotePeerId(), pr.wallMillis());
        c.peer = p;
      }
    } else if (p == null || !p.peerId.equals(peerId)) {
      p = peer(ns, peerId, pr.wallMillis());
    }
    if (pr.wallMillis() > p.lastSeen) {
      p.lastSeen = pr.wallMillis();
    }
    p.pingCount++;
    p.pingSum += pr.rttNanos();
  }

  /** The connection's peer unless it was evicted meanwhile. */
  private static Peer livePeer(Conn c) {
    Peer p = c.peer;
    return p == null || p.evicted ? null : p;
  }

  private void identifyReceived(NodeState ns, IdentifyReceived ir) {
    setIdentify(peer(ns, ir.remotePeerId(), ir.wallMillis()), ir);
  }

  private void setIdentify(Peer p, IdentifyReceived ir) {
    long size = identifySize(ir.agentVersion(), ir.listenAddrs(), ir.protocols()) + str(ir.observedAddr());
    bytes += size - p.identifySize;
    p.identify = ir;
    p.identifySize = size;
  }

  private static long identifySize(String agent, List<String> addrs, List<String> protocols) {
    long n = str(agent);
    for (String a : addrs) {
      n += str(a);
    }
    for (String s : protocols) {
      n += str(s);
    }
    return n;
  }

  /**
   * Evicts closed connections, then peers and prefixes without an open connection, then
   * open-stream state, least recently used first, down to 90% of the cap.
   */
  private void evict() {
    long target = capBytes - capBytes / 10;
    while (bytes > target && !closedOrder.isEmpty()) {
      Conn c = closedOrder.poll();
      evictionVisits++;
      if (c.ns.conns.get(c.opened.connId()) == c) {
        c.ns.conns.remove(c.opened.connId());
        bytes -= c.size;
        evictedConnections++;
      }
    }
    Iterator<Map.Entry<String, Peer>> peerIt = idlePeers.entrySet().iterator();
    while (bytes > target && peerIt.hasNext()) {
      Map.Entry<String, Peer> e = peerIt.next();
      Peer p = e.getValue();
      evictionVisits++;
      peerIt.remove();
      peers.remove(e.getKey());
      p.evicted = true;
      bytes -= PEER_BYTES + str(p.peerId) + p.identifySize;
      for (String ip : p.ips) {
        bytes -= str(ip);
      }
      evictedPeers++;
    }
    Iterator<Map.Entry<String, Prefix>> prefixIt = idlePrefixes.entrySet().iterator();
    while (bytes > target && prefixIt.hasNext()) {
      Map.Entry<String, Prefix> e = prefixIt.next();
      Prefix px = e.getValue();
      evictionVisits++;
      prefixIt.remove();
      prefixes.remove(e.getKey());
      px.evicted = true;
      bytes -= PREFIX_BYTES + str(px.prefix) + px.peers.size() * MEMBER_BYTES;
      evictedPrefixes++;
    }
    for (NodeState ns : nodes.values()) {
      Iterator<Map.Entry<String, Stream>> it = ns.streams.entrySet().iterator();
      while (bytes > target && it.hasNext()) {
        Map.Entry<String, Stream> s = it.next();
        evictionVisits++;
        it.remove();
        bytes -= STREAM_BYTES + str(s.getKey());
        evictedStreams++;
      }
    }
  }

  /** In a windowed fold: connections still open at the end appear even if silent in the window. */
  void adoptOpenConnections() {
    if (seed == null) {
      return;
    }
    for (NodeState sns : seed.nodes.values()) {
      NodeState ns = node(sns.node);
      for (Conn sc : sns.conns.values()) {
        if (sc.closedWall == 0 && !ns.conns.containsKey(sc.opened.connId())) {
          adopt(ns, sc);
        }
      }
    }
  }

  /** Connections of {@code node}, or of every node when null, keyed {@code node/connId}. */
  Map<String, ConnectionStats> connectionStats(String node) {
    Map<String, ConnectionStats> out = new HashMap<>();
    for (NodeState ns : nodes.values()) {
      if (node != null && !node.equals(ns.node)) {
        continue;
      }
      for (Conn c : ns.conns.values()) {
        ConnectionOpened o = c.opened;
        out.put(ns.node + "/" + o.connId(),
            new ConnectionStats(ns.node, o.connId(), o.remotePeerId(), o.localAddr(), o.remoteAddr(),
                o.direction(), o.transport(), o.security(), o.muxer(), o.preexisting(), o.wallMillis(),
                c.closedWall, c.streams, c.pings, c.bytesIn, c.bytesOut));
      }
    }
    return out;
  }

  /**
   * The peers {@code node} saw, or when null the peers of every node merged (counts added up,
   * the newest identify kept, pings averaged over all).
   */
  Map<String, PeerStats> peerStats(String node) {
    Map<String, PeerMerge> merged = new HashMap<>();
    for (Peer p : peers.values()) {
      if (node == null || node.equals(p.node)) {
        merged.computeIfAbsent(p.peerId, PeerMerge::new).add(p);
      }
    }
    Map<String, PeerStats> out = new HashMap<>(merged.size() * 2);
    merged.forEach((id, m) -> out.put(id, m.stats()));
    return out;
  }

  /** The same peer as seen by one or several local nodes. */
  private static final class PeerMerge {
    final String peerId;
    final Set<String> ips = new LinkedHashSet<>();
    long opened;
    long open;
    long inbound;
    long outbound;
    long streams;
    long bytes;
    long first;
    long last;
    IdentifyReceived identify;
    long pingCount;
    long pingSum;

    PeerMerge(String peerId) {
      this.peerId = peerId;
    }

    void add(Peer p) {
      for (String ip : p.ips) {
        if (ips.size() < Bounds.MAX_LIST_ENTRIES) {
          ips.add(ip);
        }
      }
      opened += p.connectionsOpened;
      open += p.connectionsOpen;
      inbound += p.inbound;
      outbound += p.outbound;
      streams += p.streams;
      bytes += p.bytes;
      first = first == 0 ? p.firstSeen : Math.min(first, p.firstSeen);
      last = Math.max(last, p.lastSeen);
      if (p.identify != null && (identify == null || p.identify.wallMillis() >= identify.wallMillis())) {
        identify = p.identify;
      }
      pingCount += p.pingCount;
      pingSum += p.pingSum;
    }

    PeerStats stats() {
      IdentifyReceived id = identify;
      return new PeerStats(peerId, ips, opened, open, inbound, outbound, streams, bytes, first, last,
          id == null ? null : id.agentVersion(),
          id == null ? null : id.protocolVersion(),
          id == null ? List.of() : id.protocols(),
          id == null ? List.of() : id.listenAddrs(),
          id == null ? null : id.observedAddr(),
          pingCount, pingCount == 0 ? 0 : pingSum / pingCount);
    }
  }

  /** Streams per protocol id on {@code node}, or on every node when null. */
  Map<String, Long> protocolCounts(String node) {
    Map<String, Long> out = new HashMap<>();
    for (Protocol p : protocols.values()) {
      if (node == null || node.equals(p.node)) {
        out.merge(p.id, p.streams, Long::sum);
      }
    }
    return out;
  }

  /** Per prefix on {@code node}, or on every node when null (distinct peers over all nodes). */
  Map<String, PrefixStats> prefixStats(String node) {
    Map<String, Set<String>> members = new HashMap<>();
    Map<String, Long> streams = new HashMap<>();
    for (Prefix px : prefixes.values()) {
      if (node == null || node.equals(px.node)) {
        members.computeIfAbsent(px.prefix, k -> new HashSet<>()).addAll(px.peers);
        streams.merge(px.prefix, px.streams, Long::sum);
      }
    }
    Map<String, PrefixStats> out = new HashMap<>();
    members.forEach((k, v) -> out.put(k, new PrefixStats(k, v.size(), streams.get(k))));
    return out;
  }

  /** What {@code node} disclosed, or every node's newest identify when null. */
  Map<String, IdentifySent> disclosed(String node) {
    if (node == null) {
      return disclosed;
    }
    IdentifySent is = disclosed.get(node);
    return is == null ? Map.of() : Map.of(node, is);
  }

  /** The name the agent gave {@code node}, or null. */
  String nodeName(String node) {
    return names.get(node);
  }

  List<String> localNodes() {
    return new ArrayList<>(localNodes);
  }

  int peerCount() {
    return peers.size();
  }

  int connectionCount() {
    int n = 0;
    for (NodeState ns : nodes.values()) {
      n += ns.conns.size();
    }
    return n;
  }

  int openStreamCount() {
    int n = 0;
    for (NodeState ns : nodes.values()) {
      n += ns.streams.size();
    }
    return n;
  }
}
