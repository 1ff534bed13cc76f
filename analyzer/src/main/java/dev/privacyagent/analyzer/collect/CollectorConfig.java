package dev.privacyagent.analyzer.collect;

import java.time.Duration;

/**
 * How the collector is sized.
 *
 * @param memoryCapBytes cap on the estimated size of all collector state, raw-event ring
 *     included; above it the oldest closed state is evicted (and counted)
 * @param queueCapacity slots of the ingestion queue between producers and the drain thread;
 *     events offered while it is full are dropped and counted
 * @param ringCapacity raw events kept for timing analysis (at most a quarter of the cap is
 *     spent on the ring; see {@link MetadataCollector})
 * @param window aggregate over the last {@code window} of event time only; {@link Duration#ZERO}
 *     for the whole run
 */
public record CollectorConfig(long memoryCapBytes, int queueCapacity, int ringCapacity, Duration window) {
  public static final long DEFAULT_MEMORY_CAP = 64L << 20;
  public static final long MIN_MEMORY_CAP = 64 * 1024;
  public static final int DEFAULT_QUEUE_CAPACITY = 1 << 16;
  public static final int DEFAULT_RING_CAPACITY = 1 << 16;

  public CollectorConfig {
    if (memoryCapBytes < MIN_MEMORY_CAP) {
      throw new IllegalArgumentException("memory cap must be at least 64 KiB, got " + memoryCapBytes);
    }
    if (queueCapacity < 2 || ringCapacity < 1) {
      throw new IllegalArgumentException("queue capacity must be >= 2 and ring capacity >= 1");
    }
    if (window == null || window.isNegative()) {
      throw new IllegalArgumentException("window must be zero (whole run) or positive");
    }
  }

  public static CollectorConfig defaults() {
    return new CollectorConfig(DEFAULT_MEMORY_CAP, DEFAULT_QUEUE_CAPACITY, DEFAULT_RING_CAPACITY, Duration.ZERO);
  }

  public CollectorConfig withMemoryCap(long bytes) {
    return new CollectorConfig(bytes, queueCapacity, ringCapacity, window);
  }

  public CollectorConfig withQueueCapacity(int slots) {
    return new CollectorConfig(memoryCapBytes, slots, ringCapacity, window);
  }

  public CollectorConfig withRingCapacity(int events) {
    return new CollectorConfig(memoryCapBytes, queueCapacity, events, window);
  }

  public CollectorConfig withWindow(Duration d) {
    return new CollectorConfig(memoryCapBytes, queueCapacity, ringCapacity, d);
  }
}
