package dev.privacyagent.analyzer.detect;

/**
 * Counts per {@code long} key without boxing: open addressing with linear probing, grown at 50%
 * load. Keys must not be {@link Long#MIN_VALUE} (the empty marker). Not thread-safe.
 */
final class LongIntCounter {
  private static final long EMPTY = Long.MIN_VALUE;
  private long[] keys;
  private int[] counts;
  private int size;

  LongIntCounter(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    counts = new int[cap];
    java.util.Arrays.fill(keys, EMPTY);
  }

  /** Adds one to {@code key}'s count; false when the key is new and {@code maxKeys} are held. */
  boolean increment(long key, int maxKeys) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (true) {
      long k = keys[i];
      if (k == key) {
        counts[i]++;
        return true;
      }
      if (k == EMPTY) {
        if (size >= maxKeys) {
          return false;
        }
        keys[i] = key;
        counts[i] = 1;
        if (++size * 2 > keys.length) {
          grow();
        }
        return true;
      }
      i = (i + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  /** Calls {@code visitor} once per key with its count. */
  void forEach(Visitor visitor) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != EMPTY) {
        visitor.visit(keys[i], counts[i]);
      }
    }
  }

  interface Visitor {
    void visit(long key, int count);
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new int[oldKeys.length * 2];
    java.util.Arrays.fill(keys, EMPTY);
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != EMPTY) {
        int i = mix(oldKeys[j]) & mask;
        while (keys[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        counts[i] = oldCounts[j];
      }
    }
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
