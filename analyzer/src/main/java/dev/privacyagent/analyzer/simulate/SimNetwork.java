package dev.privacyagent.analyzer.simulate;

import dev.privacyagent.analyzer.event.*;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * Builds the event stream of one simulated node. Scenarios call it in any time order; it records
 * each event as a draft with its time and, at the end, sorts them by time and numbers them, so
 * the output is in time order with a monotonic {@code seq}. It keeps every event consistent: a
 * connection opens before its streams, a stream opens before its protocol is negotiated and
 * closes before its connection, and nothing happens on a connection after it closed.
 */
final class SimNetwork {
  /** 2026-01-01T00:00:00Z: a fixed wall clock so that output depends on the seed only. */
  static final long WALL_BASE = 1_767_225_600_000L;
  static final long NANO_BASE = 7_200_000_000_000L;
  static final long MS = 1_000_000L;
  static final long SEC = 1_000 * MS;
  static final long MIN = 60 * SEC;

  private static final int[] PUBLIC_FIRST_OCTETS = {
      3, 5, 13, 18, 23, 31, 34, 35, 37, 45, 46, 51, 52, 54, 62, 65, 66, 77, 78, 80, 82, 85, 88, 89,
      91, 94, 95, 104, 109, 135, 136, 138, 139, 141, 142, 143, 144, 145, 147, 148, 149, 157, 159,
      161, 162, 163, 164, 165, 167, 178, 185, 188, 193, 194, 195, 212, 213, 217};

  final Random rnd;
  final SelfProfile self = new SelfProfile();
  final long durationNanos;
  final String node;

  private final List<Draft> drafts = new ArrayList<>();
  private long order;
  private int connCounter;
  private int streamCounter;
  private long streams;
  /** When the protocol of the stream opened last was agreed. */
  private long lastNegotiated;
  private final List<Peer> peers = new ArrayList<>();

  private record Draft(long nanos, long order, LongFunction<Event> make) {}

  static final class Peer {
    final String id;
    final String agent;
    final List<String> protocols;
    final List<String> listenAddrs;
    final String observedIp;
    String ip;

    Peer(String id, String agent, List<String> protocols, String ip, List<String> listenAddrs, String observedIp) {
      this.id = id;
      this.agent = agent;
      this.protocols = protocols;
      this.ip = ip;
      this.listenAddrs = listenAddrs;
      this.observedIp = observedIp;
    }
  }

  static final class Conn {
    final String id;
    final Peer peer;
    final Direction direction;
    final String remoteAddr;
    final long openedAt;
    final long closeAt;
    final String pingStream;

    Conn(String id, Peer peer, Direction direction, String remoteAddr, long openedAt, long closeAt, String pingStream) {
      this.id = id;
      this.peer = peer;
      this.direction = direction;
      this.remoteAddr = remoteAddr;
      this.openedAt = openedAt;
      this.closeAt = closeAt;
      this.pingStream = pingStream;
    }

    /** True when {@code t} lies inside the connection's life with room for a short exchange. */
    boolean live(long t) {
      return t > openedAt + 10 * MS && t < closeAt - 5 * MS;
    }
  }

  SimNetwork(long seed, long durationNanos) {
    this.rnd = new Random(seed);
    this.durationNanos = durationNanos;
    this.node = peerId();
  }

  long streams() {
    return streams;
  }

  List<Peer> peers() {
    return peers;
  }

  String peerId() {
    return SimPeerIds.next(rnd);
  }

  String publicIp() {
    return PUBLIC_FIRST_OCTETS[rnd.nextInt(PUBLIC_FIRST_OCTETS.length)] + "." + rnd.nextInt(256) + "."
        + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254));
  }

  long uniform(long from, long to) {
    return from + (long) (rnd.nextDouble() * (to - from));
  }

  Peer newPeer(String agent, List<String> protocols, String ip) {
    return newPeer(agent, protocols, ip, List.of("/ip4/" + ip + "/tcp/9000"));
  }

  Peer newPeer(String agent, List<String> protocols, String ip, List<String> listenAddrs) {
    String observed = self.observedIps.get(peers.size() % self.observedIps.size());
    Peer p = new Peer(peerId(), agent, protocols, ip, listenAddrs, observed);
    peers.add(p);
    return p;
  }

  /** True when no event so far lies within {@code window} of {@code t} (a linear scan; rare use). */
  boolean quietAround(long t, long window) {
    for (Draft d : drafts) {
      if (Math.abs(d.nanos() - t) <= window) {
        return false;
      }
    }
    return true;
  }

  private void add(long nanos, LongFunction<Event> make) {
    drafts.add(new Draft(nanos, order++, make));
  }

  private static long wall(long nanos) {
    return WALL_BASE + nanos / MS;
  }

  /** Our host starts: created and listening. */
  void start() {
    add(0, seq -> new HostCreated(seq, NANO_BASE, wall(0), node, node, null));
    add(1 * MS, seq -> new ListenStarted(seq, NANO_BASE + MS, wall(MS), node, "/ip4/0.0.0.0/tcp/9000"));
    add(1 * MS, seq -> new ListenStarted(seq, NANO_BASE + MS, wall(MS), node, "/ip6/::/tcp/9000"));
  }

  /** Our host stops listening at the end of the run (connections still open stay open). */
  void finish() {
    long t = durationNanos;
    add(t, seq -> new ListenStopped(seq, NANO_BASE + t, wall(t), node, "/ip4/0.0.0.0/tcp/9000"));
    add(t, seq -> new ListenStopped(seq, NANO_BASE + t, wall(t), node, "/ip6/::/tcp/9000"));
  }

  /**
   * A connection to {@code p} from {@code at} to {@code closeAt} (beyond the run: still open at
   * the end), with a dial before it when outbound, identify both ways and a ping stream.
   */
  Conn connect(Peer p, long at, long closeAt, Direction dir, String security) {
    String connId = "conn-" + (++connCounter);
    String remote = "/ip4/" + p.ip + "/tcp/" + (dir == Direction.OUTBOUND ? 9000 : 30000 + rnd.nextInt(30000));
    String local = "/ip4/" + self.publicIp + "/tcp/" + (dir == Direction.INBOUND ? 9000 : 30000 + rnd.nextInt(30000));
    if (dir == Direction.OUTBOUND) {
      long dialAt = Math.max(0, at - uniform(5 * MS, 40 * MS));
      String dialAddr = "/ip4/" + p.ip + "/tcp/9000";
      add(dialAt, seq -> new DialStarted(seq, NANO_BASE + dialAt, wall(dialAt), node, p.id, List.of(dialAddr)));
    }
    add(at, seq -> new ConnectionOpened(seq, NANO_BASE + at, wall(at), node, connId, node, p.id, local, remote,
        dir, "tcp", security, "/yamux/1.0.0", false));
    String pingStream = "stream-" + (++streamCounter);
    Conn c = new Conn(connId, p, dir, remote, at, closeAt, pingStream);
    // identify both ways right after the upgrade: ours out, theirs in
    long idAt = at + uniform(1 * MS, 4 * MS);
    long rtt = uniform(15 * MS, 60 * MS);
    String outId = streamOpen(c, idAt, Direction.OUTBOUND, "/ipfs/id/1.0.0");
    long recvAt = lastNegotiated + rtt;
    add(recvAt, seq -> new IdentifyReceived(seq, NANO_BASE + recvAt, wall(recvAt), node, connId, p.id, p.agent,
        "ipfs/0.1.0", p.listenAddrs, "/ip4/" + p.observedIp + "/tcp/" + (dir == Direction.INBOUND ? 9000 : 41234),
        p.protocols));
    streamClose(c, outId, recvAt + 200_000, 0, 700 + rnd.nextInt(300));
    long inAt = at + uniform(2 * MS, 6 * MS);
    String inId = streamOpen(c, inAt, Direction.INBOUND, "/ipfs/id/1.0.0");
    long sentAt = lastNegotiated + 300_000;
    String observedForPeer = remote;
    List<String> listen = List.copyOf(self.listenAddrs);
    List<String> protocols = List.copyOf(self.protocols);
    String agent = self.agentVersion;
    add(sentAt, seq -> new IdentifySent(seq, NANO_BASE + sentAt, wall(sentAt), node, connId, p.id, agent,
        "ipfs/0.1.0", listen, observedForPeer, protocols));
    streamClose(c, inId, sentAt + 200_000, 0, 700 + rnd.nextInt(300));
    // the ping stream stays open for the connection's life
    long pingAt = at + uniform(8 * MS, 12 * MS);
    add(pingAt, seq -> new StreamOpened(seq, NANO_BASE + pingAt, wall(pingAt), node, pingStream, connId, Direction.OUTBOUND));
    long pingNeg = pingAt + 400_000;
    add(pingNeg, seq -> new ProtocolNegotiated(seq, NANO_BASE + pingNeg, wall(pingNeg), node, pingStream, "/ipfs/ping/1.0.0"));
    streams++;
    if (closeAt < durationNanos) {
      String reason = rnd.nextBoolean() ? "remote closed" : "idle timeout";
      long pingClose = closeAt - 2 * MS;
      add(pingClose, seq -> new StreamClosed(seq, NANO_BASE + pingClose, wall(pingClose), node, pingStream, 32L * 40, 32L * 40));
      add(closeAt, seq -> new ConnectionClosed(seq, NANO_BASE + closeAt, wall(closeAt), node, connId,
          reason));
    }
    return c;
  }

  private String streamOpen(Conn c, long at, Direction dir, String protocol) {
    String id = "stream-" + (++streamCounter);
    add(at, seq -> new StreamOpened(seq, NANO_BASE + at, wall(at), node, id, c.id, dir));
    long neg = at + uniform(200_000, 1_500_000);
    lastNegotiated = neg;
    add(neg, seq -> new ProtocolNegotiated(seq, NANO_BASE + neg, wall(neg), node, id, protocol));
    streams++;
    return id;
  }

  private void streamClose(Conn c, String id, long at, long in, long out) {
    long t = Math.min(at, c.closeAt - 3 * MS);
    Long bin = in;
    Long bout = out;
    add(t, seq -> new StreamClosed(seq, NANO_BASE + t, wall(t), node, id, bin, bout));
  }

  /** A request stream on {@code c} at {@code at}; false (nothing emitted) outside its life. */
  boolean stream(Conn c, long at, String protocol) {
    if (!c.live(at) || at >= durationNanos - 5 * MS) {
      return false;
    }
    Direction dir = rnd.nextBoolean() ? Direction.OUTBOUND : Direction.INBOUND;
    String id = streamOpen(c, at, dir, protocol);
    long end = at + uniform(3 * MS, 400 * MS);
    streamClose(c, id, Math.min(end, durationNanos - 1 * MS), 200 + rnd.nextInt(40_000), 100 + rnd.nextInt(4_000));
    return true;
  }

  /** A ping sent at {@code at} on {@code c}, answered after {@code rtt}; false outside its life. */
  boolean ping(Conn c, long at, long rtt) {
    long done = at + rtt;
    if (!c.live(at) || !c.live(done) || done >= durationNanos) {
      return false;
    }
    add(done, seq -> new PingRtt(seq, NANO_BASE + done, wall(done), node, c.id, c.peer.id, rtt));
    return true;
  }

  /** A dial that fails (refused or timed out) at {@code at}. */
  void failedDial(long at) {
    String peer = peerId();
    String addr = "/ip4/" + publicIp() + "/tcp/9000";
    boolean refused = rnd.nextBoolean();
    long failAt = at + (refused ? uniform(20 * MS, 80 * MS) : 10 * SEC);
    add(at, seq -> new DialStarted(seq, NANO_BASE + at, wall(at), node, peer, List.of(addr)));
    add(failAt, seq -> new DialFailed(seq, NANO_BASE + failAt, wall(failAt), node, peer, addr,
        refused ? "java.net.ConnectException" : "io.netty.channel.ConnectTimeoutException",
        refused ? "Connection refused" : "connection timed out after 10000 ms"));
  }

  /** All events in time order, numbered from 1. */
  List<Event> events() {
    List<Draft> sorted = new ArrayList<>(drafts);
    sorted.sort(Comparator.comparingLong(Draft::nanos).thenComparingLong(Draft::order));
    List<Event> out = new ArrayList<>(sorted.size());
    long seq = 1;
    for (Draft d : sorted) {
      out.add(d.make().apply(seq++));
    }
    return out;
  }
}
