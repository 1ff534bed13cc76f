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
 */
public record CollectorCounters(
    long accepted,
    long droppedQueueFull,
    long evictedConnections,
    long evictedPeers,
    long evictedEvents,
    long truncatedStrings,
    long skippedLines,
    long unknownTypes) {

  public long totalDropped() {
    return droppedQueueFull + evictedConnections + evictedPeers;
  }
}
