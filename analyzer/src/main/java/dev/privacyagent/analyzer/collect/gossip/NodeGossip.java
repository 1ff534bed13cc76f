package dev.privacyagent.analyzer.collect.gossip;

import dev.privacyagent.analyzer.event.*;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The mutable gossip state of one local node: O(1) work per event (a few map lookups by topic
 * and peer id), no per-message allocation, everything bounded by {@link GossipLimits} and a memory
 * estimate the owner caps. Single-threaded (the collector's lock).
 */
final class NodeGossip {
  static final long TOPIC_BYTES = 360;
  static final long PEER_BYTES = 420;
  static final long MEMBER_BYTES = 64;
  static final long PUBLISH_BYTES = 160;
  static final long STRING_BYTES = 48;

  // indices into a topic's traffic counts
  private static final int RECEIVED = 0, FIRST = 1, DUP = 2, INVALID = 3, IGNORED = 4, BYTES = 5,
      DELAY_SUM = 6, DELAY_MAX = 7, RELAYED = 8, SKIPPED = 9, N_TRAFFIC = 10;

  private static final class Topic {
    final String name;
    // from GossipTopicStats, and the same counts from per-message events (used only for a node
    // whose producer writes no stats, so that each delivery counts once either way)
    final long[] stats = new long[N_TRAFFIC];
    final long[] messages = new long[N_TRAFFIC];
    long published, publishedRecipients, meshPeers, topicPeers, grafts, localGrafts, prunes, localPrunes;
    long statsMeshPeers, statsTopicPeers, messageEvents;
    final List<LocalTopic.Period> periods = new ArrayList<>();
    long subscriptions;
    boolean preexisting;

    Topic(String name) {
      this.name = name;
    }

    boolean subscribedAt(long wall) {
      for (int i = periods.size() - 1; i >= 0; i--) {
        if (periods.get(i).covers(wall)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final class Peer {
    final String id;
    boolean active;
    String protocolId;
    final LinkedHashSet<String> topics = new LinkedHashSet<>();
    final LinkedHashSet<String> mesh = new LinkedHashSet<>();
    final long[] stats = new long[3]; // first, duplicates, invalid
    final long[] messages = new long[3];
    final long[] control = new long[6];
    final HashMap<String, long[]> firstTopicsStats = new HashMap<>();
    final HashMap<String, long[]> firstTopicsMessages = new HashMap<>();
    long firstHand;
    long size = PEER_BYTES;

    Peer(String id) {
      this.id = id;
      size += str(id);
    }
  }

  private final String node;
  private final GossipAggregates owner;
  private GossipRouterCreated router;
  private final HashMap<String, Topic> topics = new LinkedHashMap<>();
  private final LinkedHashMap<String, Peer> peers = new LinkedHashMap<>(64, 0.75f, true);
  private final ArrayDeque<GossipPublish> publishes = new ArrayDeque<>();
  private final Buckets buckets = new Buckets();
  private long firstWall = Long.MAX_VALUE; // every node has folded one event before view()
  private long lastWall;
  private boolean topicStatsSeen;
  private boolean peerStatsSeen;
  private boolean meshChangesSeen;
  long droppedTopics, evictedPeers, evictedPublishes, droppedPeerTopics, messageEvents, messageEventsSkipped;

  NodeGossip(String node, GossipAggregates owner) {
    this.node = node;
    this.owner = owner;
  }

  static long str(String s) {
    return s == null ? 0 : STRING_BYTES + s.length();
  }

  void fold(GossipEvent e) {
    long wall = e.wallMillis();
    firstWall = Math.min(firstWall, wall);
    lastWall = Math.max(lastWall, wall);
    if (e instanceof GossipMessageReceived m) {
      received(m);
    } else if (e instanceof GossipTopicStats s) {
      topicStats(s);
    } else if (e instanceof GossipPeerStats s) {
      peerStats(s);
    } else if (e instanceof GossipPublish p) {
      publish(p);
    } else if (e instanceof GossipMeshChange m) {
      mesh(m);
    } else if (e instanceof GossipPeerSubscription s) {
      peerSubscription(s);
    } else if (e instanceof GossipLocalSubscription s) {
      localSubscription(s);
    } else if (e instanceof GossipPeerStatus s) {
      peerStatus(s);
    } else if (e instanceof GossipPeerProtocol p) {
      Peer peer = peer(p.peerId());
      if (peer != null && p.protocolId() != null && !p.protocolId().equals(peer.protocolId)) {
        owner.grow(str(p.protocolId()) - str(peer.protocolId));
        peer.protocolId = p.protocolId();
      }
    } else if (e instanceof GossipRouterCreated r) {
      router = r;
    }
  }

  private Topic topic(String name) {
    if (name == null) {
      return null;
    }
    Topic t = topics.get(name);
    if (t == null) {
      if (topics.size() >= GossipLimits.TOPICS) {
        droppedTopics++;
        return null;
      }
      t = new Topic(name);
      topics.put(name, t);
      owner.grow(TOPIC_BYTES + str(name));
    }
    return t;
  }

  private Peer peer(String id) {
    if (id == null) {
      return null;
    }
    Peer p = peers.get(id);
    if (p == null) {
      if (peers.size() >= GossipLimits.PEERS && !evictInactivePeer()) {
        evictedPeers++; // every peer is active: this one is not tracked
        return null;
      }
      p = new Peer(id);
      peers.put(id, p);
      owner.grow(p.size);
    }
    return p;
  }

  private void received(GossipMessageReceived m) {
    messageEvents++;
    Topic t = topic(m.topic());
    if (t == null) {
      return;
    }
    t.messageEvents++;
    long[] c = t.messages;
    c[RECEIVED]++;
    c[BYTES] += m.size();
    Peer p = peer(m.peerId());
    if (m.first()) {
      c[FIRST]++;
      if (m.validation() == GossipValidation.INVALID) {
        c[INVALID]++;
      } else if (m.validation() == GossipValidation.IGNORE) {
        c[IGNORED]++;
      }
      if (p != null) {
        p.messages[0]++;
        if (m.validation() == GossipValidation.INVALID) {
          p.messages[2]++;
        }
        countTopic(p, p.firstTopicsMessages, m.topic(), 1);
      }
    } else {
      c[DUP]++;
      long d = m.duplicateDelayNanos() == null ? 0 : Math.max(0, m.duplicateDelayNanos());
      c[DELAY_SUM] += d;
      c[DELAY_MAX] = Math.max(c[DELAY_MAX], d);
      if (p != null) {
        p.messages[1]++;
      }
    }
    if (!topicStatsSeen) {
      buckets.at(m.wallMillis())[m.first() ? Buckets.FIRST : Buckets.DUP]++;
      buckets.at(m.wallMillis())[Buckets.RECEIVED]++;
    }
  }

  private void countTopic(Peer p, HashMap<String, long[]> map, String topic, long n) {
    long[] v = map.get(topic);
    if (v == null) {
      if (map.size() >= GossipLimits.TOPICS_PER_PEER) {
        droppedPeerTopics++;
        return;
      }
      v = new long[1];
      map.put(topic, v);
      p.size += MEMBER_BYTES;
      owner.grow(MEMBER_BYTES);
    }
    v[0] += n;
  }

  private void topicStats(GossipTopicStats s) {
    topicStatsSeen = true;
    messageEventsSkipped += Math.max(0, s.messageEventsSkipped());
    Topic t = topic(s.topic());
    if (t == null) {
      return;
    }
    long[] c = t.stats;
    c[RECEIVED] += s.received();
    c[FIRST] += s.firstDeliveries();
    c[DUP] += s.duplicates();
    c[INVALID] += s.invalid();
    c[IGNORED] += s.ignored();
    c[BYTES] += s.bytesReceived();
    c[DELAY_SUM] += s.duplicateDelaySumNanos();
    c[DELAY_MAX] = Math.max(c[DELAY_MAX], s.duplicateDelayMaxNanos());
    c[RELAYED] += s.relayed();
    c[SKIPPED] += s.messageEventsSkipped();
    t.statsMeshPeers = s.meshPeers();
    t.statsTopicPeers = s.topicPeers();
    long[] b = buckets.at(s.wallMillis());
    b[Buckets.RECEIVED] += s.received();
    b[Buckets.FIRST] += s.firstDeliveries();
    b[Buckets.DUP] += s.duplicates();
    b[Buckets.RELAYED] += s.relayed();
  }

  private void peerStats(GossipPeerStats s) {
    peerStatsSeen = true;
    Peer p = peer(s.peerId());
    if (p == null) {
      return;
    }
    p.stats[0] += s.firstDeliveries();
    p.stats[1] += s.duplicates();
    p.stats[2] += s.invalid();
    p.control[0] += s.ihaveIn();
    p.control[1] += s.ihaveOut();
    p.control[2] += s.iwantIn();
    p.control[3] += s.iwantOut();
    p.control[4] += s.idontwantIn();
    p.control[5] += s.idontwantOut();
    for (String topic : s.firstDeliveryTopics()) {
      countTopic(p, p.firstTopicsStats, topic, 1);
    }
  }

  private void publish(GossipPublish e) {
    Topic t = topic(e.topic());
    if (t != null) {
      t.published++;
      t.publishedRecipients += e.recipients();
    }
    for (String id : e.recipientPeers()) {
      Peer p = peer(id);
      if (p != null) {
        p.firstHand++;
      }
    }
    long[] b = buckets.at(e.wallMillis());
    b[Buckets.OWN]++;
    if (t != null && !t.subscribedAt(e.wallMillis())) {
      b[Buckets.OWN_UNSUBSCRIBED]++;
      b[Buckets.MAX_RECIPIENTS] = Math.max(b[Buckets.MAX_RECIPIENTS], e.recipients());
    }
    publishes.addLast(e);
    owner.grow(publishSize(e));
    if (publishes.size() > GossipLimits.PUBLISHES) {
      dropOldestPublish();
    }
  }

  private static long publishSize(GossipPublish e) {
    return PUBLISH_BYTES + str(e.messageId()) + e.recipientPeers().size() * 8L;
  }

  /** Drops the oldest publish kept in detail; false when none is left. */
  boolean dropOldestPublish() {
    GossipPublish old = publishes.pollFirst();
    if (old == null) {
      return false;
    }
    owner.grow(-publishSize(old));
    evictedPublishes++;
    return true;
  }

  /** Evicts the least recently used inactive peer; false when there is none. */
  boolean evictInactivePeer() {
    Iterator<Peer> it = peers.values().iterator();
    while (it.hasNext()) {
      Peer p = it.next();
      if (!p.active && p.mesh.isEmpty()) {
        it.remove();
        for (String topic : p.topics) {
          Topic t = topics.get(topic);
          if (t != null) {
            t.topicPeers--;
          }
        }
        owner.grow(-(p.size + p.topics.size() * MEMBER_BYTES));
        evictedPeers++;
        return true;
      }
    }
    return false;
  }

  private void mesh(GossipMeshChange m) {
    meshChangesSeen = true;
    Topic t = topic(m.topic());
    Peer p = peer(m.peerId());
    if (t == null || p == null) {
      return;
    }
    boolean local = m.initiator() == GossipInitiator.LOCAL;
    if (m.added()) {
      if (p.mesh.add(m.topic())) {
        t.meshPeers++;
        owner.grow(MEMBER_BYTES);
      }
      if (!m.preexisting()) {
        t.grafts++;
        t.localGrafts += local ? 1 : 0;
      }
    } else {
      if (p.mesh.remove(m.topic())) {
        t.meshPeers--;
        owner.grow(-MEMBER_BYTES);
      }
      t.prunes++;
      t.localPrunes += local ? 1 : 0;
    }
  }

  private void peerSubscription(GossipPeerSubscription s) {
    Peer p = peer(s.peerId());
    Topic t = topic(s.topic());
    if (p == null || t == null) {
      return;
    }
    if (s.subscribed()) {
      if (p.topics.size() >= GossipLimits.TOPICS_PER_PEER && !p.topics.contains(s.topic())) {
        droppedPeerTopics++;
      } else if (p.topics.add(s.topic())) {
        t.topicPeers++;
        owner.grow(MEMBER_BYTES);
      }
    } else if (p.topics.remove(s.topic())) {
      t.topicPeers--;
      owner.grow(-MEMBER_BYTES);
    }
  }

  private void peerStatus(GossipPeerStatus s) {
    Peer p = peer(s.peerId());
    if (p == null) {
      return;
    }
    p.active = s.active();
    if (!s.active()) {
      // a peer that goes away drops its topics and mesh places without UNSUBSCRIBE or PRUNE
      for (String topic : p.topics) {
        Topic t = topics.get(topic);
        if (t != null) {
          t.topicPeers--;
        }
      }
      for (String topic : p.mesh) {
        Topic t = topics.get(topic);
        if (t != null) {
          t.meshPeers--;
        }
      }
      owner.grow(-(p.topics.size() + p.mesh.size()) * MEMBER_BYTES);
      p.topics.clear();
      p.mesh.clear();
    }
  }

  private void localSubscription(GossipLocalSubscription s) {
    Topic t = topic(s.topic());
    if (t == null) {
      return;
    }
    int last = t.periods.size() - 1;
    boolean open = last >= 0 && t.periods.get(last).toWall() == 0;
    if (s.subscribed() && !open) {
      t.periods.add(new LocalTopic.Period(s.wallMillis(), 0));
      t.subscriptions++;
      t.preexisting |= s.preexisting();
      if (t.periods.size() > GossipLimits.PERIODS_PER_TOPIC) {
        t.periods.remove(0);
      } else {
        owner.grow(MEMBER_BYTES);
      }
    } else if (!s.subscribed() && open) {
      LocalTopic.Period p = t.periods.get(last);
      t.periods.set(last, new LocalTopic.Period(p.fromWall(), Math.max(p.fromWall(), s.wallMillis())));
    }
  }

  GossipView view() {
    boolean fromStats = topicStatsSeen;
    Map<String, LocalTopic> local = new HashMap<>();
    Map<String, TopicTraffic> traffic = new HashMap<>();
    for (Topic t : topics.values()) {
      if (!t.periods.isEmpty()) {
        local.put(t.name, new LocalTopic(t.name, t.periods, t.subscriptions, t.preexisting));
      }
      long[] c = fromStats ? t.stats : t.messages;
      long mesh = meshChangesSeen || !fromStats ? t.meshPeers : t.statsMeshPeers;
      long topicPeers = t.topicPeers > 0 || !fromStats ? t.topicPeers : t.statsTopicPeers;
      traffic.put(t.name, new TopicTraffic(t.name, c[RECEIVED], c[FIRST], c[DUP], c[INVALID], c[IGNORED],
          c[BYTES], c[DELAY_SUM], c[DELAY_MAX], c[RELAYED], t.published, t.publishedRecipients, mesh,
          topicPeers, t.grafts, t.localGrafts, t.prunes, t.localPrunes, t.messageEvents, c[SKIPPED]));
    }
    Map<String, GossipPeer> peerViews = new HashMap<>();
    for (Peer p : peers.values()) {
      boolean ps = peerStatsSeen;
      long[] c = ps ? p.stats : p.messages;
      Map<String, Long> first = new HashMap<>();
      (ps ? p.firstTopicsStats : p.firstTopicsMessages).forEach((k, v) -> first.put(k, v[0]));
      peerViews.put(p.id, new GossipPeer(p.id, p.active, p.protocolId, new ArrayList<>(p.topics),
          new ArrayList<>(p.mesh), c[0], c[1], c[2], p.control[0], p.control[1], p.control[2],
          p.control[3], p.control[4], p.control[5], first, p.firstHand));
    }
    List<OwnPublish> own = new ArrayList<>(publishes.size());
    for (GossipPublish e : publishes) {
      Topic t = topics.get(e.topic());
      LocalTopic.Period period = null;
      if (t != null) {
        for (int i = t.periods.size() - 1; i >= 0 && period == null; i--) {
          period = t.periods.get(i).covers(e.wallMillis()) ? t.periods.get(i) : null;
        }
      }
      own.add(new OwnPublish(e, period == null ? 0 : period.fromWall(), period == null ? 0 : period.toWall()));
    }
    return new GossipView(node, firstWall, lastWall, router, local, traffic, peerViews, own, buckets.view(), buckets.millis(),
        new GossipCounters(droppedTopics, evictedPeers, evictedPublishes, droppedPeerTopics, messageEvents,
            messageEventsSkipped, owner.bytes()));
  }
}
