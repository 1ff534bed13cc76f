package dev.privacyagent.analyzer.collect.gossip;

/**
 * The bounds of the gossip aggregates, per local node. Ethereum uses about 100 topics (64
 * attestation subnets, sync committees, blocks, aggregates, blobs) and 50-100 peers; the bounds
 * leave room for ten times that while keeping a node's gossip state to a few MiB at most.
 */
public final class GossipLimits {
  /** Topics tracked per node (local, announced by peers, or carrying traffic). */
  public static final int TOPICS = 1024;

  /** Gossip peers tracked per node; inactive ones are evicted first. */
  public static final int PEERS = 2048;

  /** Topics kept per peer (announced, and first-delivery topics). */
  public static final int TOPICS_PER_PEER = 256;

  /** Own publishes kept in detail (the newest). */
  public static final int PUBLISHES = 8192;

  /** Subscription periods kept per local topic (the newest). */
  public static final int PERIODS_PER_TOPIC = 64;

  /** Time buckets kept (the newest); with one-minute buckets, a day. */
  public static final int BUCKETS = 1440;

  private GossipLimits() {}
}
