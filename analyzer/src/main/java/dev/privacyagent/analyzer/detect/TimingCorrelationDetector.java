package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.ConnectionClosed;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.PingRtt;
import dev.privacyagent.analyzer.event.ProtocolNegotiated;
import dev.privacyagent.analyzer.event.StreamOpened;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Timing side channels in the raw event ring. Two measures:
 *
 * <ul>
 *   <li><b>Co-occurrence.</b> Activity on connection A followed within a short window by activity
 *       on connection B to another peer, again and again, lets anyone who sees both links them:
 *       the basis of first-spy and relay-timing deanonymisation in gossip networks (Biryukov et
 *       al. 2014; Heimbach et al. 2024 on Ethereum validators). The count is compared with what
 *       independent Poisson traffic at the same rates would give (lift).
 *   <li><b>Periodicity.</b> Streams of one protocol opened on a strict schedule (low coefficient of
 *       variation CV = sd/mean of the inter-arrival times) fingerprint the node's software and
 *       timers across connections and restarts.
 * </ul>
 *
 * Works on the bounded ring only: O(n log n) for the sort, O(n * maxNeighbours) for the scan.
 */
public final class TimingCorrelationDetector implements Detector {

  /** The protocol name periodicity uses for ping RTT events. */
  public static final String PING = "/ipfs/ping/1.0.0";

  /**
   * @param windowMillis events this close count as co-occurring
   * @param minRepeats co-occurrences a pair needs before it is judged
   * @param minRatio share of the rarer connection's events that must co-occur
   * @param minLift co-occurrences over the number expected from independent traffic
   * @param maxNeighbours events looked at after each event (bounds the scan in bursts)
   * @param maxPairs distinct connection pairs tracked (bounds memory; later new pairs are
   *     counted as not tracked)
   * @param maxEvents newest ring events analysed
   * @param minIntervals inter-arrival intervals a series needs for periodicity
   * @param maxCv a series with CV at or below this is periodic
   * @param maxPeriodicFindings periodic protocols reported (most series first)
   */
  public record Thresholds(
      long windowMillis,
      int minRepeats,
      double minRatio,
      double minLift,
      int maxNeighbours,
      int maxPairs,
      int maxEvents,
      int minIntervals,
      double maxCv,
      int maxPeriodicFindings) {
    public Thresholds {
      if (windowMillis < 1 || minRepeats < 2 || !(minRatio > 0 && minRatio <= 1) || !(minLift >= 1)
          || maxNeighbours < 1 || maxPairs < 1 || maxEvents < 2 || minIntervals < 2 || !(maxCv > 0)
          || maxPeriodicFindings < 1) {
        throw new IllegalArgumentException("invalid timing thresholds");
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(50, 5, 0.5, 3.0, 16, 1 << 20, 250_000, 8, 0.1, 10);
    }
  }

  private final Thresholds t;

  public TimingCorrelationDetector(Thresholds thresholds) {
    this.t = thresholds;
  }

  @Override
  public Category category() {
    return Category.TIMING;
  }

  @Override
  public List<Finding> detect(Snapshot s) {
    Activity activity = Activity.extract(s, t.maxEvents());
    List<Finding> out = new ArrayList<>();
    CoOccurrence.find(activity, t).ifPresent(out::add);
    out.addAll(Periodicity.find(activity, t));
    return out;
  }

  /**
   * The ring reduced to activity points: per node, (time, connection index, peer index,
   * protocol). Connection and peer ids are interned to ints so the scans run on arrays.
   */
  record Activity(
      List<NodeSeries> nodes,
      List<String> connIds,
      List<String> peerIds,
      int[] peerOfConn,
      long analysed) {

    /** The remote peer id of a connection, or its own id when the peer is unknown. */
    String peerLabel(int conn) {
      int p = peerOfConn[conn];
      return p >= 0 ? peerIds.get(p) : connIds.get(conn);
    }


    static Activity extract(Snapshot s, int maxEvents) {
      List<Event> ring = s.recentEvents();
      int from = Math.max(0, ring.size() - maxEvents);
      List<String> connIds = new ArrayList<>();
      IntList connPeer = new IntList();
      Map<String, Integer> peerIndex = new HashMap<>();
      List<String> peerIds = new ArrayList<>();
      Map<String, NodeState> byNode = new HashMap<>();
      NodeState last = null;
      long analysed = 0;
      for (int i = from; i < ring.size(); i++) {
        Event e = ring.get(i);
        String conn;
        String peer = null;
        String protocol = null;
        NodeState node = last != null && last.node.equals(e.node()) ? last
            : byNode.computeIfAbsent(e.node(), NodeState::new);
        last = node;
        if (e instanceof StreamOpened so) {
          conn = so.connId();
          node.streamConn.put(so.streamId(), conn);
        } else if (e instanceof ProtocolNegotiated pn) {
          // Timed by its StreamOpened for co-occurrence; here only the protocol matters.
          conn = node.streamConn.get(pn.streamId());
          protocol = pn.protocolId();
        } else if (e instanceof PingRtt pr) {
          conn = pr.connId();
          peer = pr.remotePeerId();
          protocol = PING;
        } else if (e instanceof ConnectionOpened co) {
          conn = co.connId();
          peer = co.remotePeerId();
        } else if (e instanceof ConnectionClosed cc) {
          conn = cc.connId();
        } else {
          continue;
        }
        if (conn == null) {
          continue;
        }
        Integer ci = node.connIndex.get(conn);
        if (ci == null) {
          ci = connIds.size();
          node.connIndex.put(conn, ci);
          String key = e.node() + "/" + conn;
          connIds.add(key);
          ConnectionStats cs = s.connections().get(key);
          connPeer.add(-1);
          if (peer == null && cs != null) {
            peer = cs.remotePeerId();
          }
        }
        if (peer != null && connPeer.get(ci) < 0) {
          Integer pi = peerIndex.get(peer);
          if (pi == null) {
            pi = peerIds.size();
            peerIndex.put(peer, pi);
            peerIds.add(peer);
          }
          connPeer.set(ci, pi);
        }
        analysed++;
        node.series.add(e.timeNanos(), ci, protocol, !(e instanceof ProtocolNegotiated));
      }
      List<NodeSeries> nodes = new ArrayList<>();
      int[] peerOfConn = connPeer.toArray();
      for (NodeState b : byNode.values()) {
        nodes.add(b.series.build(peerOfConn));
      }
      nodes.sort(java.util.Comparator.comparing(NodeSeries::node));
      return new Activity(nodes, connIds, peerIds, peerOfConn, analysed);
    }
  }

  /** Per-node lookup state while the ring is read: ids are only unique within one node. */
  private static final class NodeState {
    final String node;
    final Map<String, String> streamConn = new HashMap<>();
    final Map<String, Integer> connIndex = new HashMap<>();
    final NodeSeries.Builder series;

    NodeState(String node) {
      this.node = node;
      this.series = new NodeSeries.Builder(node);
    }
  }

  /** A growable int array (no boxing in the hot loop). */
  private static final class IntList {
    private int[] a = new int[64];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    int get(int i) {
      return a[i];
    }

    void set(int i, int v) {
      a[i] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }

  /**
   * The activity points of one node sorted by time: {@code wire} marks points that stand for a
   * new wire activity (stream, ping, connection) and take part in co-occurrence.
   */
  record NodeSeries(
      String node, long[] times, int[] conns, int[] peers, String[] protocols, boolean[] wire) {

    static final class Builder {
      private final String node;
      private long[] times = new long[64];
      private int[] conns = new int[64];
      private String[] protocols = new String[64];
      private boolean[] wire = new boolean[64];
      private int n;
      private boolean sorted = true;

      Builder(String node) {
        this.node = node;
      }

      void add(long time, int conn, String protocol, boolean isWire) {
        if (n == times.length) {
          int cap = n * 2;
          times = java.util.Arrays.copyOf(times, cap);
          conns = java.util.Arrays.copyOf(conns, cap);
          protocols = java.util.Arrays.copyOf(protocols, cap);
          wire = java.util.Arrays.copyOf(wire, cap);
        }
        if (n > 0 && time < times[n - 1]) {
          sorted = false;
        }
        times[n] = time;
        conns[n] = conn;
        protocols[n] = protocol;
        wire[n] = isWire;
        n++;
      }

      NodeSeries build(int[] peerOfConn) {
        Integer[] order = null;
        if (!sorted) {
          order = new Integer[n];
          for (int i = 0; i < n; i++) {
            order[i] = i;
          }
          final long[] tt = times;
          java.util.Arrays.sort(order, (a, b) -> Long.compare(tt[a], tt[b]));
        }
        long[] ts = new long[n];
        int[] cs = new int[n];
        int[] ps = new int[n];
        String[] prs = new String[n];
        boolean[] ws = new boolean[n];
        for (int i = 0; i < n; i++) {
          int j = order == null ? i : order[i];
          ts[i] = times[j];
          cs[i] = conns[j];
          int p = peerOfConn[conns[j]];
          // A connection whose peer is unknown stands for itself.
          ps[i] = p >= 0 ? p : -1 - conns[j];
          prs[i] = protocols[j];
          ws[i] = wire[j];
        }
        return new NodeSeries(node, ts, cs, ps, prs, ws);
      }
    }
  }
}
