package dev.privacyagent.analyzer.collect;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Stamps events with the header every event carries: a monotonic {@code seq}, {@code timeNanos}
 * on the {@link System#nanoTime()} base and {@code wallMillis}. Wall time is derived from the
 * nano clock and one wall reading at construction, so both stay consistent with each other and
 * never step backwards when the system clock is adjusted. Thread-safe.
 */
public final class SeqClock {
  private final AtomicLong seq = new AtomicLong();
  private final long baseNanos;
  private final long baseWallMillis;

  public SeqClock() {
    this.baseNanos = System.nanoTime();
    this.baseWallMillis = System.currentTimeMillis();
  }

  /** The next sequence number, starting at 1. */
  public long nextSeq() {
    return seq.incrementAndGet();
  }

  public long nanoTime() {
    return System.nanoTime();
  }

  /** Epoch milliseconds at {@code nanoTime} (a value earlier returned by {@link #nanoTime()}). */
  public long wallMillis(long nanoTime) {
    return baseWallMillis + Math.floorDiv(nanoTime - baseNanos, 1_000_000L);
  }

  /** Sequence numbers handed out so far. */
  public long issued() {
    return seq.get();
  }
}
