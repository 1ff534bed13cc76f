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

/**
 * One router's received traffic, per topic and per peer, as counters the event thread increments
 * and the agent's worker turns into {@link GossipTopicStats} and {@link GossipPeerStats} deltas
 * every interval: the events file then needs no line per message. Bounded: beyond
 * {@link #MAX_TOPICS} topics or {@link #MAX_PEERS} peers, traffic is folded into one
 * {@link #OTHER} entry and counted in {@link #overflow}.
 */
final class Traffic {
  static final int MAX_TOPICS = 1024;
  static final int MAX_PEERS = 4096;
  static final String OTHER = "(other)";
  static final int MAX_FIRST_TOPICS = 64;

  final ConcurrentHashMap<String, TopicCounters> topics = new ConcurrentHashMap<>(256);
  final ConcurrentHashMap<String, PeerCounters> peers = new ConcurrentHashMap<>(256);
  final AtomicLong overflow = new AtomicLong();
  private long lastFlush = System.nanoTime();

  TopicCounters topic(String topic) {
    String key = topic == null ? OTHER : topic;
    TopicCounters c = topics.get(key);
    if (c == null) {
      if (topics.size() >= MAX_TOPICS) {
        overflow.incrementAndGet();
        key = OTHER;
      }
      c = topics.computeIfAbsent(key, k -> new TopicCounters());
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
      c = peers.computeIfAbsent(key, k -> new PeerCounters());
    }
    return c;
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

  /** The peer went away: its topics go with it, without an UNSUBSCRIBE. */
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
      long first = c.first.getAndSet(0);
      long duplicates = c.duplicates.getAndSet(0);
      long received = first + duplicates;
      long published = c.published.getAndSet(0);
      long relayed = c.relayed.getAndSet(0);
      if (received == 0 && published == 0 && relayed == 0 && !c.meshChanged.getAndSet(false)) {
        // nothing to report; what was read is zero, so nothing is lost by not writing it back
        continue;
      }
      GossipTopicStats s = new GossipTopicStats(out.seq(), out.nanos(), out.wall(), node, e.getKey(),
          interval, received, first, duplicates, c.invalid.getAndSet(0),
          c.ignored.getAndSet(0), c.bytes.getAndSet(0), c.delaySum.getAndSet(0), c.delayMax.getAndSet(0),
          published, relayed, Math.max(0, c.mesh.get()), c.subscribers.size(), c.skipped.getAndSet(0));
      out.emit(s);
      emitted.add(s);
    }
    for (Map.Entry<String, PeerCounters> e : peers.entrySet()) {
      PeerCounters c = e.getValue();
      long first = c.first.getAndSet(0);
      long dup = c.duplicates.getAndSet(0);
      long invalid = c.invalid.getAndSet(0);
      long ihaveIn = c.ihaveIn.getAndSet(0);
      long ihaveOut = c.ihaveOut.getAndSet(0);
      long iwantIn = c.iwantIn.getAndSet(0);
      long iwantOut = c.iwantOut.getAndSet(0);
      long idwIn = c.idontwantIn.getAndSet(0);
      long idwOut = c.idontwantOut.getAndSet(0);
      if (first + dup + invalid + ihaveIn + ihaveOut + iwantIn + iwantOut + idwIn + idwOut == 0) {
        continue;
      }
      List<String> firstTopics = new ArrayList<>(c.firstTopics);
      c.firstTopics.clear();
      GossipPeerStats s = new GossipPeerStats(out.seq(), out.nanos(), out.wall(), node, e.getKey(),
          interval, first, dup, invalid, ihaveIn, ihaveOut, iwantIn, iwantOut, idwIn, idwOut,
          firstTopics.size() > MAX_FIRST_TOPICS ? firstTopics.subList(0, MAX_FIRST_TOPICS) : firstTopics);
      out.emit(s);
      emitted.add(s);
    }
    return emitted;
  }

  static final class TopicCounters {
    final AtomicLong first = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong ignored = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong delaySum = new AtomicLong();
    final AtomicLong delayMax = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong relayed = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    /** Our mesh size for the topic, from the mesh changes seen. */
    final AtomicInteger mesh = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicBoolean meshChanged = new java.util.concurrent.atomic.AtomicBoolean();
    final Set<String> subscribers = ConcurrentHashMap.newKeySet();

    void duplicateDelay(long nanos) {
      if (nanos < 0) {
        return;
      }
      delaySum.addAndGet(nanos);
      long max;
      while (nanos > (max = delayMax.get()) && !delayMax.compareAndSet(max, nanos)) {
        // retry: only the flush races with the event thread here
      }
    }
  }

  static final class PeerCounters {
    final AtomicLong first = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    final AtomicLong ihaveIn = new AtomicLong();
    final AtomicLong ihaveOut = new AtomicLong();
    final AtomicLong iwantIn = new AtomicLong();
    final AtomicLong iwantOut = new AtomicLong();
    final AtomicLong idontwantIn = new AtomicLong();
    final AtomicLong idontwantOut = new AtomicLong();
    final Set<String> firstTopics = ConcurrentHashMap.newKeySet();
    final Set<String> topics = ConcurrentHashMap.newKeySet();

    void firstOn(String topic) {
      // contains first: a lock-free read, where an add of a present key may take the bin's lock
      if (topic != null && !firstTopics.contains(topic) && firstTopics.size() < MAX_FIRST_TOPICS) {
        firstTopics.add(topic);
      }
    }

    void control(RpcFacts f, boolean outbound) {
      if (outbound) {
        ihaveOut.addAndGet(f.ihaveIds());
        iwantOut.addAndGet(f.iwantIds());
        idontwantOut.addAndGet(f.idontwantIds());
      } else {
        ihaveIn.addAndGet(f.ihaveIds());
        iwantIn.addAndGet(f.iwantIds());
        idontwantIn.addAndGet(f.idontwantIds());
      }
    }
  }
}
