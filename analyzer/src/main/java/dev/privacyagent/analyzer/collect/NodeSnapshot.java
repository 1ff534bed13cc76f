package dev.privacyagent.analyzer.collect;

import java.util.Objects;

/**
 * One local node's own snapshot.
 *
 * @param node its peer id (the {@code node} of its events)
 * @param name the name its agent gave it ({@code nodeName}), or when none was recorded the
 *     {@link NodeNames#shortForm short form} of its peer id
 * @param snapshot only what this node saw; {@code localNodes} is just this node
 */
public record NodeSnapshot(String node, String name, Snapshot snapshot) {
  public NodeSnapshot {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(snapshot, "snapshot");
    name = name == null ? NodeNames.shortForm(node) : name;
  }
}
