package dev.privacyagent.agent.dispatch.gossip;

/**
 * When each recent message id was first seen (received or published by us), so that a duplicate's
 * delay after the first copy can be reported. Direct-mapped and bounded: a newer id evicts an older
 * one in its slot, whose later duplicates then report an unknown delay. Written and read on one
 * router's event thread only.
 */
final class FirstSeen {
  private static final int SLOTS = 8192;

  private record Entry(String id, long nanos) {}

  private final Entry[] slots = new Entry[SLOTS];

  void put(String id, long nanos) {
    if (id != null) {
      slots[index(id)] = new Entry(id, nanos);
    }
  }

  /** Nanoseconds since {@code id} was first seen, or -1 when it is not remembered. */
  long since(String id, long now) {
    if (id == null) {
      return -1;
    }
    Entry e = slots[index(id)];
    return e != null && e.id.equals(id) ? Math.max(0, now - e.nanos) : -1;
  }

  private static int index(String id) {
    int h = id.hashCode();
    return (h ^ (h >>> 16)) & (SLOTS - 1);
  }
}
