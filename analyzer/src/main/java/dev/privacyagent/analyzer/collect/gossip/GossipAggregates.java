package dev.privacyagent.analyzer.collect.gossip;

import dev.privacyagent.analyzer.event.GossipEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gossip state of every local node, within a memory cap: above it, inactive peers are
 * evicted first, then the oldest own publishes kept in detail, each counted in the node's {@link
 * GossipCounters}. Single-threaded: the collector guards it with its lock.
 */
public final class GossipAggregates {
  private final long capBytes;
  private final Map<String, NodeGossip> nodes = new LinkedHashMap<>();
  private NodeGossip last;
  private String lastNode;
  private long bytes;

  /** @param capBytes eviction starts above this estimate; 0 for no cap */
  public GossipAggregates(long capBytes) {
    this.capBytes = capBytes;
  }

  public void fold(GossipEvent e) {
    String node = e.node() == null ? "(unknown)" : e.node();
    NodeGossip ng = last;
    if (ng == null || !node.equals(lastNode)) {
      ng = nodes.get(node);
      if (ng == null) {
        ng = new NodeGossip(node, this);
        nodes.put(node, ng);
        grow(NodeGossip.PEER_BYTES + NodeGossip.str(node));
      }
      last = ng;
      lastNode = node;
    }
    ng.fold(e);
    if (capBytes > 0 && bytes > capBytes) {
      evict();
    }
  }

  void grow(long delta) {
    bytes += delta;
  }

  /** The estimated size of all gossip state. */
  public long bytes() {
    return bytes;
  }

  private void evict() {
    long target = capBytes - capBytes / 10;
    boolean progress = true;
    while (bytes > target && progress) {
      progress = false;
      for (NodeGossip ng : nodes.values()) {
        progress |= ng.evictInactivePeer();
      }
    }
    progress = true;
    while (bytes > target && progress) {
      progress = false;
      for (NodeGossip ng : nodes.values()) {
        progress |= ng.dropOldestPublish();
      }
    }
  }

  /** One immutable view per local node that produced gossip events. */
  public Map<String, GossipView> views() {
    Map<String, GossipView> out = new LinkedHashMap<>();
    nodes.forEach((k, v) -> out.put(k, v.view()));
    return out;
  }
}
