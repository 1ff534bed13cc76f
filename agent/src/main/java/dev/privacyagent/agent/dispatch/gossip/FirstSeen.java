package dev.privacyagent.agent.dispatch.gossip;

/**
 * When each recent message was first seen (received or published by us), on which topic's
 * counters and with what size, so that a duplicate's delay after the first copy can be reported
 * and the duplicate counted without reading its topic: a duplicate is a new message object whose
 * topic name jvm-libp2p decodes from the wire on first access, which the router itself never
 * needs for a message it has seen. Keyed by the id's 64-bit {@link MessageFacts#fingerprint} (no
 * id text is built for it), direct-mapped and bounded: a newer id evicts an older one in its
 * slot, whose later duplicates then report an unknown delay and are read in full. Written and
 * read on one router's event thread only.
 */
final class FirstSeen {
  private static final int SLOTS = 8192;

  private final long[] ids = new long[SLOTS];
  private final long[] nanos = new long[SLOTS];
  private final Traffic.TopicCounters[] topics = new Traffic.TopicCounters[SLOTS];
  private final int[] sizes = new int[SLOTS];

  void put(long fingerprint, long at, Traffic.TopicCounters topic, int size) {
    if (fingerprint != 0) {
      int i = index(fingerprint);
      ids[i] = fingerprint;
      nanos[i] = at;
      topics[i] = topic;
      sizes[i] = size;
    }
  }

  /** The slot of a remembered message, or -1. */
  int find(long fingerprint) {
    if (fingerprint == 0) {
      return -1;
    }
    int i = index(fingerprint);
    return ids[i] == fingerprint && topics[i] != null ? i : -1;
  }

  /** Nanoseconds since the message of {@code slot} was first seen. */
  long sinceAt(int slot, long now) {
    return Math.max(0, now - nanos[slot]);
  }

  Traffic.TopicCounters topic(int slot) {
    return topics[slot];
  }

  int size(int slot) {
    return sizes[slot];
  }

  /** Nanoseconds since the message was first seen, or -1 when it is not remembered. */
  long since(long fingerprint, long now) {
    int slot = find(fingerprint);
    return slot < 0 ? -1 : sinceAt(slot, now);
  }

  private static int index(long f) {
    return (int) (f ^ (f >>> 32) ^ (f >>> 17)) & (SLOTS - 1);
  }
}
