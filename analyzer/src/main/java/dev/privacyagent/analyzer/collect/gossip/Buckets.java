package dev.privacyagent.analyzer.collect.gossip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Activity counts per wall-clock bucket, at most {@link GossipLimits#BUCKETS} of them: buckets
 * start at {@value #START_MILLIS} ms and double in length (neighbours merged) whenever the run
 * outgrows them, so a one-minute demo and a week-long run both get a useful curve in bounded
 * memory. An event older than the oldest bucket counts in the oldest.
 */
final class Buckets {
  static final long START_MILLIS = 10_000;
  static final int OWN = 0, OWN_UNSUBSCRIBED = 1, MAX_RECIPIENTS = 2, RECEIVED = 3, FIRST = 4, DUP = 5,
      RELAYED = 6, N = 7;

  private static final class Bucket {
    final long start;
    final long[] counts = new long[N];

    Bucket(long start) {
      this.start = start;
    }
  }

  private final ArrayDeque<Bucket> buckets = new ArrayDeque<>();
  private long millis = START_MILLIS;

  long millis() {
    return millis;
  }

  /** The counts of the bucket holding {@code wall}, indexed by the constants above. */
  long[] at(long wall) {
    long start = Math.floorDiv(wall, millis) * millis;
    Bucket last = buckets.peekLast();
    if (last != null && last.start == start) {
      return last.counts;
    }
    if (last != null && start < last.start) {
      for (Iterator<Bucket> it = buckets.descendingIterator(); it.hasNext(); ) {
        Bucket b = it.next();
        if (b.start <= start) {
          return b.counts;
        }
      }
      return buckets.peekFirst().counts;
    }
    if (buckets.size() >= GossipLimits.BUCKETS) {
      merge();
      return at(wall);
    }
    Bucket b = new Bucket(start);
    buckets.addLast(b);
    return b.counts;
  }

  private void merge() {
    millis *= 2;
    ArrayDeque<Bucket> merged = new ArrayDeque<>();
    for (Bucket b : buckets) {
      long start = Math.floorDiv(b.start, millis) * millis;
      Bucket into = merged.peekLast();
      if (into == null || into.start != start) {
        into = new Bucket(start);
        merged.addLast(into);
      }
      for (int i = 0; i < N; i++) {
        into.counts[i] = i == MAX_RECIPIENTS ? Math.max(into.counts[i], b.counts[i]) : into.counts[i] + b.counts[i];
      }
    }
    buckets.clear();
    buckets.addAll(merged);
  }

  List<GossipBucket> view() {
    List<GossipBucket> out = new ArrayList<>(buckets.size());
    for (Bucket b : buckets) {
      long[] c = b.counts;
      out.add(new GossipBucket(b.start, c[OWN], c[OWN_UNSUBSCRIBED], c[MAX_RECIPIENTS], c[RECEIVED], c[FIRST],
          c[DUP], c[RELAYED]));
    }
    return out;
  }
}
