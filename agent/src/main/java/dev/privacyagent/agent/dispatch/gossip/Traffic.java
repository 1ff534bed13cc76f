package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.analyzer.event.GossipPeerStats;
import dev.privacyagent.analyzer.event.GossipTopicStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.IdentityCache;

/**
 * One router's received traffic, per topic and per peer, as counters the event thread increments
 * and the agent's worker turns into {@link GossipTopicStats} and {@link GossipPeerStats} deltas
 * every interval: the events file then needs no line per message. Bounded: beyond
 * {@link #MAX_TOPICS} topics or {@link #MAX_PEERS} peers, traffic is folded into one
 * {@link #OTHER} entry and counted in {@link #overflow}.
 *
 * <p>The counts are {@link Tally}s: only the router's event thread adds to them. Peers are found
 * by the identity of the {@code PeerId} or peer handler the hook got (the same object every
 * time), and the topics a peer first-delivered on by the topic's index, so that a delivery costs
 * one map look-up (its topic's name, a new string in every message) and no locked instruction.
 */
final class Traffic {
  static final int MAX_TOPICS = 1024;
  static final int MAX_PEERS = 4096;
  static final String OTHER = "(other)";
  static final int MAX_FIRST_TOPICS = 64;
  /** The topics that get an index: every topic below the cap, and the fold. */
  static final int INDEXED = MAX_TOPICS + 1;

  final ConcurrentHashMap<String, TopicCounters> topics = new ConcurrentHashMap<>(256);
  final ConcurrentHashMap<String, PeerCounters> peers = new ConcurrentHashMap<>(256);
  final AtomicLong overflow = new AtomicLong();
  /** This router's deliveries with a per-message event of their own, and without one. */
  final Tally sampled = new Tally();
  final Tally skipped = new Tally();
  /** Topics by {@link TopicCounters#index}, for the names of a peer's first-delivery topics. */
  private final AtomicReferenceArray<TopicCounters> byIndex = new AtomicReferenceArray<>(INDEXED);
  private final AtomicInteger nextIndex = new AtomicInteger();
  private final IdentityCache<PeerCounters> byPeerId = new IdentityCache<>(1024, id -> peer(Facts.peerId(id)));
  private final IdentityCache<PeerCounters> byHandler =
      new IdentityCache<>(1024, h -> peer(MessageTracker.peerOf(h)));
  private long lastFlush = System.nanoTime();

  TopicCounters topic(String topic) {
    return lookup(topic == null ? OTHER : topic);
  }

  private TopicCounters lookup(String topic) {
    String key = topic;
    TopicCounters c = topics.get(key);
    if (c == null) {
      if (topics.size() >= MAX_TOPICS) {
        overflow.incrementAndGet();
        key = OTHER;
      }
      c = topics.computeIfAbsent(key, this::newTopic);
    }
    return c;
  }

  private TopicCounters newTopic(String name) {
    TopicCounters c = new TopicCounters(name, nextIndex.getAndIncrement());
    if (c.index < byIndex.length()) {
      byIndex.set(c.index, c);
    }
    return c;
  }

  PeerCounters peer(String peer) {
    String key = peer == null ? OTHER : peer;
    PeerCounters c = peers.get(key);
    if (c == null) {
      if (peers.size() >= MAX_PEERS) {
        overflow.incrementAndGet();
        key = OTHER;
      }
      c = peers.computeIfAbsent(key, PeerCounters::new);
    }
    return c;
  }

  /** The topic of {@link TopicCounters#index} {@code i}; the fold's counters when there is none. */
  TopicCounters topicAt(int i) {
    TopicCounters c = i >= 0 && i < INDEXED ? byIndex.get(i) : null;
    return c != null ? c : lookup(OTHER);
  }

  /** The counters of the peer a listener callback names by its {@code PeerId}. */
  PeerCounters peerById(Object peerId) {
    return peerId == null ? peer((String) null) : byPeerId.get(peerId);
  }

  /** The counters of the peer behind a pubsub peer handler (the RPC hooks' argument). */
  PeerCounters peerByHandler(Object handler) {
    return handler == null ? peer((String) null) : byHandler.get(handler);
  }

  /** A peer's SUBSCRIBE / UNSUBSCRIBE: keeps each topic's set of known subscribers. */
  void peerTopic(String peer, String topic, boolean subscribed) {
    if (peer == null || topic == null) {
      return;
    }
    TopicCounters t = topic(topic);
    PeerCounters p = peer(peer);
    if (subscribed) {
      t.subscribers.add(peer);
      p.topics.add(topic);
    } else {
      t.subscribers.remove(peer);
      p.topics.remove(topic);
    }
  }

  /**
   * A peer joined or left our mesh of {@code t}. The mesh size counts each peer once, so that a
   * peer's disconnect (which the router applies without a PRUNE callback) can take it out again.
   */
  void meshChange(String peer, TopicCounters t, boolean added) {
    if (peer == null) {
      t.mesh.addAndGet(added ? 1 : -1);
    } else if (added ? peer(peer).meshTopics.add(t.name) : peer(peer).meshTopics.remove(t.name)) {
      t.mesh.addAndGet(added ? 1 : -1);
    }
    t.meshChanged.set(true);
  }

  /** The peer went away: its topics and its mesh places go with it, without UNSUBSCRIBE or PRUNE. */
  void peerGone(String peer) {
    PeerCounters p = peer == null ? null : peers.get(peer);
    if (p == null) {
      return;
    }
    for (String topic : p.topics) {
      TopicCounters t = topics.get(topic);
      if (t != null) {
        t.subscribers.remove(peer);
      }
    }
    p.topics.clear();
    for (String topic : p.meshTopics) {
      TopicCounters t = topics.get(topic);
      if (t != null) {
        t.mesh.decrementAndGet();
        t.meshChanged.set(true);
      }
    }
    p.meshTopics.clear();
  }

  /** Known subscribers of {@code topic}. */
  int topicPeers(String topic) {
    TopicCounters t = topic == null ? null : topics.get(topic);
    return t == null ? 0 : t.subscribers.size();
  }

  /** On the worker: the deltas since the last flush, for every topic and peer with traffic. */
  List<Object> flush(GossipEvents out, String node) {
    long now = System.nanoTime();
    long interval = Math.max(0, now - lastFlush);
    lastFlush = now;
    List<Object> emitted = new ArrayList<>();
    for (Map.Entry<String, TopicCounters> e : topics.entrySet()) {
      TopicCounters c = e.getValue();
      // every delivery is a first copy or a duplicate: the hot path counts only those two
      long first = c.first.takeDelta();
      long duplicates = c.duplicates.takeDelta();
      long received = first + duplicates;
      long published = c.published.takeDelta();
      long relayed = c.relayed.takeDelta();
      if (received == 0 && published == 0 && relayed == 0 && !c.meshChanged.getAndSet(false)) {
        // nothing to report; what was read is zero, so nothing is lost by not writing it back
        continue;
      }
      GossipTopicStats s = new GossipTopicStats(out.seq(), out.nanos(), out.wall(), node, e.getKey(),
          interval, received, first, duplicates, c.invalid.takeDelta(),
          c.ignored.takeDelta(), c.bytes.takeDelta(), c.delaySum.takeDelta(), c.delayMax.getAndSet(0),
          published, relayed, Math.max(0, c.mesh.get()), c.subscribers.size(), c.skipped.takeDelta());
      out.emit(s);
      emitted.add(s);
    }
    for (Map.Entry<String, PeerCounters> e : peers.entrySet()) {
      PeerCounters c = e.getValue();
      long first = c.first.takeDelta();
      long dup = c.duplicates.takeDelta();
      long invalid = c.invalid.takeDelta();
      long ihaveIn = c.ihaveIn.takeDelta();
      long ihaveOut = c.ihaveOut.takeDelta();
      long iwantIn = c.iwantIn.takeDelta();
      long iwantOut = c.iwantOut.takeDelta();
      long idwIn = c.idontwantIn.takeDelta();
      long idwOut = c.idontwantOut.takeDelta();
      if (first + dup + invalid + ihaveIn + ihaveOut + iwantIn + iwantOut + idwIn + idwOut == 0) {
        continue;
      }
      List<String> firstTopics = firstTopics(c);
      GossipPeerStats s = new GossipPeerStats(out.seq(), out.nanos(), out.wall(), node, e.getKey(),
          interval, first, dup, invalid, ihaveIn, ihaveOut, iwantIn, iwantOut, idwIn, idwOut,
          firstTopics.size() > MAX_FIRST_TOPICS ? firstTopics.subList(0, MAX_FIRST_TOPICS) : firstTopics);
      out.emit(s);
      emitted.add(s);
    }
    return emitted;
  }

  /** The topics {@code c} first-delivered on since the last flush, taken (and cleared) now. */
  private List<String> firstTopics(PeerCounters c) {
    List<String> names = new ArrayList<>();
    for (int w = 0; w < c.firstOn.length(); w++) {
      long bits = c.firstOn.get(w) == 0 ? 0 : c.firstOn.getAndSet(w, 0);
      while (bits != 0 && names.size() < MAX_FIRST_TOPICS) {
        int i = w * 64 + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        TopicCounters t = byIndex.get(i);
        if (t != null) {
          names.add(t.name);
        }
      }
    }
    return names;
  }

  static final class TopicCounters {
    final String name;
    /** Its place in {@link #byIndex}: a peer's first-delivery topics are a bit set of these. */
    final int index;
    final Tally first = new Tally();
    final Tally duplicates = new Tally();
    final Tally invalid = new Tally();
    final Tally ignored = new Tally();
    final Tally bytes = new Tally();
    final Tally delaySum = new Tally();
    final AtomicLong delayMax = new AtomicLong();
    final Tally published = new Tally();
    final Tally relayed = new Tally();
    final Tally skipped = new Tally();
    /** Whether our node is subscribed, from its subscribe and unsubscribe calls (and an attach's snapshot). */
    volatile boolean subscribed;
    /** Our mesh size for the topic, from the mesh changes seen. */
    final AtomicInteger mesh = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicBoolean meshChanged = new java.util.concurrent.atomic.AtomicBoolean();
    final Set<String> subscribers = ConcurrentHashMap.newKeySet();

    TopicCounters(String name, int index) {
      this.name = name;
      this.index = index;
    }

    void duplicateDelay(long nanos) {
      if (nanos < 0) {
        return;
      }
      delaySum.add(nanos);
      long max;
      while (nanos > (max = delayMax.get()) && !delayMax.compareAndSet(max, nanos)) {
        // retry: only the flush races with the event thread here
      }
    }
  }

  static final class PeerCounters {
    /** The peer's id text (or {@link #OTHER}). */
    final String name;
    final Tally first = new Tally();
    final Tally duplicates = new Tally();
    final Tally invalid = new Tally();
    final Tally ihaveIn = new Tally();
    final Tally ihaveOut = new Tally();
    final Tally iwantIn = new Tally();
    final Tally iwantOut = new Tally();
    final Tally idontwantIn = new Tally();
    final Tally idontwantOut = new Tally();
    /** Bits by topic index, cleared by the flush that reads them. */
    final AtomicLongArray firstOn = new AtomicLongArray((INDEXED + 63) / 64);
    final Set<String> topics = ConcurrentHashMap.newKeySet();
    /** The topics whose mesh (ours) the peer is in. */
    final Set<String> meshTopics = ConcurrentHashMap.newKeySet();

    PeerCounters(String name) {
      this.name = name;
    }

    void firstOn(TopicCounters t) {
      if (t.index >= INDEXED) {
        return; // a topic made in a race past the cap: the list of names is informative only
      }
      int w = t.index >>> 6;
      long bit = 1L << (t.index & 63);
      // a plain read first: the locked OR only when the bit is new in this interval
      if ((firstOn.get(w) & bit) == 0) {
        firstOn.getAndAccumulate(w, bit, (a, b) -> a | b);
      }
    }

    void control(RpcFacts f, boolean outbound) {
      if (outbound) {
        ihaveOut.add(f.ihaveIds());
        iwantOut.add(f.iwantIds());
        idontwantOut.add(f.idontwantIds());
      } else {
        ihaveIn.add(f.ihaveIds());
        iwantIn.add(f.iwantIds());
        idontwantIn.add(f.idontwantIds());
      }
    }
  }
}
