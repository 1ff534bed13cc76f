package dev.privacyagent.analyzer.collect;

import java.util.List;
import java.util.Objects;

/**
 * Everything the collector holds at one instant, both together and per local node.
 *
 * @param all the events of every node together (as {@link MetadataCollector#snapshot()})
 * @param nodes one per local node, in the order the nodes were first seen
 */
public record NodeSnapshots(Snapshot all, List<NodeSnapshot> nodes) {
  public NodeSnapshots {
    Objects.requireNonNull(all, "all");
    nodes = List.copyOf(nodes);
  }

  /** A snapshot from elsewhere (a fixture, a file of one node) seen as a single node's. */
  public static NodeSnapshots single(Snapshot s) {
    String node = s.localNodes().isEmpty() ? Aggregates.UNKNOWN : s.localNodes().get(0);
    return new NodeSnapshots(s, s.localNodes().size() <= 1 ? List.of(new NodeSnapshot(node, null, s)) : List.of());
  }

  /**
   * Only the node whose peer id, or else name, is {@code idOrName}, as if it were the only one;
   * null when there is no such node.
   */
  public NodeSnapshots only(String idOrName) {
    NodeSnapshot match = null;
    for (NodeSnapshot n : nodes) {
      if (n.node().equals(idOrName)) {
        match = n;
        break;
      }
    }
    for (int i = 0; match == null && i < nodes.size(); i++) {
      if (idOrName.equals(nodes.get(i).name())) {
        match = nodes.get(i);
      }
    }
    return match == null ? null : new NodeSnapshots(match.snapshot(), List.of(match));
  }
}
