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
 */
final class FirstSeen {
  private static final int SLOTS = 8192;
  private static final int NO_TOPIC = -1;

  /** Per slot: [3i] fingerprint, [3i + 1] nanoTime, [3i + 2] size (high half) and topic index (low). */
  private final long[] slots = new long[3 * SLOTS];
  private final Traffic traffic;

  FirstSeen(Traffic traffic) {
    this.traffic = traffic;
  }

  void put(long fingerprint, long at, Traffic.TopicCounters topic, int size) {
    if (fingerprint != 0) {
      int i = 3 * index(fingerprint);
      slots[i] = fingerprint;
      slots[i + 1] = at;
      int t = topic == null || topic.index >= Traffic.INDEXED ? NO_TOPIC : topic.index;
      slots[i + 2] = ((long) size << 32) | (t & 0xffffffffL);
    }
  }

  /** The slot of a remembered message whose topic is known, or -1. */
  int find(long fingerprint) {
    if (fingerprint == 0) {
      return -1;
    }
    int i = 3 * index(fingerprint);
    return slots[i] == fingerprint && (int) slots[i + 2] != NO_TOPIC ? i : -1;
  }

  /** Nanoseconds since the message of {@code slot} was first seen. */
  long sinceAt(int slot, long now) {
    return Math.max(0, now - slots[slot + 1]);
  }

  /** The topic of {@code slot}'s message (the fold's counters if its index is gone). */
  Traffic.TopicCounters topic(int slot) {
    return traffic.topicAt((int) slots[slot + 2]);
  }

  int size(int slot) {
    return (int) (slots[slot + 2] >> 32);
  }

  /** Nanoseconds since the message was first seen, or -1 when it is not remembered. */
  long since(long fingerprint, long now) {
    if (fingerprint == 0) {
      return -1;
    }
    int i = 3 * index(fingerprint);
    return slots[i] == fingerprint ? Math.max(0, now - slots[i + 1]) : -1;
  }

  private static int index(long f) {
    return (int) (f ^ (f >>> 32) ^ (f >>> 17)) & (SLOTS - 1);
  }
}
