package dev.privacyagent.agent.dispatch.gossip;

/**
 * When each recent message was first seen (received or published by us), so that a duplicate's
 * delay after the first copy can be reported. Keyed by the id's 64-bit {@link
 * MessageFacts#fingerprint} (no id text is built for it), direct-mapped and bounded: a newer id
 * evicts an older one in its slot, whose later duplicates then report an unknown delay. Written and
 * read on one router's event thread only.
 */
final class FirstSeen {
  private static final int SLOTS = 8192;

  private final long[] ids = new long[SLOTS];
  private final long[] nanos = new long[SLOTS];

  void put(long fingerprint, long at) {
    if (fingerprint != 0) {
      int i = index(fingerprint);
      ids[i] = fingerprint;
      nanos[i] = at;
    }
  }

  /** Nanoseconds since the message was first seen, or -1 when it is not remembered. */
  long since(long fingerprint, long now) {
    if (fingerprint == 0) {
      return -1;
    }
    int i = index(fingerprint);
    return ids[i] == fingerprint ? Math.max(0, now - nanos[i]) : -1;
  }

  private static int index(long f) {
    return (int) (f ^ (f >>> 32) ^ (f >>> 17)) & (SLOTS - 1);
  }
}
