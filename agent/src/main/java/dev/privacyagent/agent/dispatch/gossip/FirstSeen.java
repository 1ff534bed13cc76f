package dev.privacyagent.agent.dispatch.gossip;

/**
 * When each recent message was first seen (received or published by us), on which topic and
 * with what size, so that a duplicate's delay after the first copy can be reported and the
 * duplicate counted without reading its topic: a duplicate is a new message object whose topic
 * name jvm-libp2p decodes from the wire on first access, which the router itself never needs for
 * a message it has seen. Keyed by the id's 64-bit {@link MessageFacts#fingerprint} (no id text is
 * built for it), direct-mapped and bounded: a newer id evicts an older one in its slot, whose
 * later duplicates then report an unknown delay and are read in full. A slot is three adjacent
 * longs (id, time, size and topic index), so that a look-up touches one cache line, not one per
 * array. Written and read on one router's event thread only.
 *
 * <p>New entries are written to the table {@value #BATCH} at a time. The table is too large to
 * stay in the CPU's caches between two visits of a slot (the router allocates kilobytes per
 * message), so a write to it waits for main memory; one such write per first copy stalled the
 * router's thread for about 150 ns (docs/performance.md, "Fifth pass"). Written as a batch, the
 * writes' cache misses overlap. Until then an entry is in a small array that a look-up searches
 * first.
 */
final class FirstSeen {
  private static final int SLOTS = 8192;
  static final int BATCH = 16;
  private static final int NO_TOPIC = -1;
  /** {@link #find} results from here on are places in {@link #batch}. */
  private static final int IN_BATCH = 3 * SLOTS;

  /** Per slot: [3i] fingerprint, [3i + 1] nanoTime, [3i + 2] size (high half) and topic index (low). */
  private final long[] slots = new long[3 * SLOTS];
  /** The entries not written to {@link #slots} yet, oldest first, in the same layout. */
  private final long[] batch = new long[3 * BATCH];
  private int batched;
  private final Traffic traffic;

  FirstSeen(Traffic traffic) {
    this.traffic = traffic;
  }

  void put(long fingerprint, long at, Traffic.TopicCounters topic, int size) {
    if (fingerprint == 0) {
      return;
    }
    int t = topic == null || topic.index >= Traffic.INDEXED ? NO_TOPIC : topic.index;
    int b = 3 * batched;
    batch[b] = fingerprint;
    batch[b + 1] = at;
    batch[b + 2] = ((long) size << 32) | (t & 0xffffffffL);
    if (++batched == BATCH) {
      for (int e = 0; e < 3 * BATCH; e += 3) {
        int i = 3 * index(batch[e]);
        slots[i] = batch[e];
        slots[i + 1] = batch[e + 1];
        slots[i + 2] = batch[e + 2];
      }
      batched = 0;
    }
  }

  /** The place of a remembered message (the newest entry of its id), or -1. */
  int find(long fingerprint) {
    if (fingerprint == 0) {
      return -1;
    }
    for (int b = 3 * (batched - 1); b >= 0; b -= 3) {
      if (batch[b] == fingerprint) {
        return IN_BATCH + b;
      }
    }
    int i = 3 * index(fingerprint);
    return slots[i] == fingerprint ? i : -1;
  }

  /** Whether the message at {@code place} has a topic of its own (not one past the index cap). */
  boolean hasTopic(int place) {
    return (int) word(place, 2) != NO_TOPIC;
  }

  /** Nanoseconds since the message at {@code place} was first seen. */
  long since(int place, long now) {
    return Math.max(0, now - word(place, 1));
  }

  /** The topic of the message at {@code place} (the fold's counters if its index is gone). */
  Traffic.TopicCounters topic(int place) {
    return traffic.topicAt((int) word(place, 2));
  }

  int size(int place) {
    return (int) (word(place, 2) >> 32);
  }

  private long word(int place, int field) {
    return place >= IN_BATCH ? batch[place - IN_BATCH + field] : slots[place + field];
  }

  private static int index(long f) {
    return (int) (f ^ (f >>> 32) ^ (f >>> 17)) & (SLOTS - 1);
  }
}
