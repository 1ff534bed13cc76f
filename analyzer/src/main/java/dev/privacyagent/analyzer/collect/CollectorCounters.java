package dev.privacyagent.analyzer.collect;

/**
 * What the collector accepted, dropped and evicted. Every report shows these so that nothing is
 * lost silently.
 *
 * @param accepted events taken into the aggregates
 * @param droppedQueueFull events refused because the ingestion queue was full
 * @param evictedConnections closed connections evicted to stay within the memory cap
 * @param evictedPeers peers evicted to stay within the memory cap
 * @param evictedEvents raw events overwritten in the ring
 * @param truncatedStrings strings cut to their bound on the way in
 * @param skippedLines input lines skipped by lenient reading (offline analysis)
 * @param unknownTypes lines of an unknown event type (reported, not silently dropped)
 * @param unknownFields fields of unknown name on input lines (reported; the events were kept)
 * @param evictedStreams open-stream state evicted to stay within the memory cap
 * @param estimatedBytes the collector's estimate of the memory its state uses
 * @param memoryCapBytes the configured cap for {@code estimatedBytes}
 * @param evictedPrefixes network prefixes without open connections evicted to stay within the cap
 * @param eventsFileLost events the agent could not write to its events file ({@code events=FILE}):
 *     its queue was full, or the write failed (a full disk); 0 without an events file
 * @param untrackedConnections connections not tracked because the cap was reached and only state
 *     of open connections was left to evict (their events stay in the raw-event ring)
 */
public record CollectorCounters(
    long accepted,
    long droppedQueueFull,
    long evictedConnections,
    long evictedPeers,
    long evictedEvents,
    long truncatedStrings,
    long skippedLines,
    long unknownTypes,
    long unknownFields,
    long evictedStreams,
    long estimatedBytes,
    long memoryCapBytes,
    long evictedPrefixes,
    long eventsFileLost,
    long untrackedConnections) {

  /** No events, nothing dropped. */
  public static final CollectorCounters ZERO = new CollectorCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  public long totalDropped() {
    return droppedQueueFull + evictedConnections + evictedPeers + evictedStreams + evictedPrefixes
        + eventsFileLost + untrackedConnections;
  }
}
