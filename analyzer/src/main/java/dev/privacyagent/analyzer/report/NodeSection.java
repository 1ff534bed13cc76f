package dev.privacyagent.analyzer.report;

import dev.privacyagent.analyzer.collect.NodeNames;

import java.util.List;
import java.util.Objects;

/**
 * One local node's own view: everything a report holds, computed from the events that node saw
 * only (its peers, its connections, its identify messages, its gossip).
 *
 * @param node the node's peer id (the {@code node} of its events)
 * @param name its readable name: the agent's {@code nodeName} (several hosts in one JVM are
 *     {@code NAME-0}, {@code NAME-1}, ...), or a short form of the peer id
 * @param localPeers the other local nodes of this report that are among this node's peers (they
 *     run in the same JVM or were recorded in the files analysed together)
 * @param report the analysis of this node alone; its own {@code nodes} and {@code comparison} are
 *     empty
 */
public record NodeSection(String node, String name, List<String> localPeers, Report report) {
  public NodeSection {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(report, "report");
    node = Text.bound(node);
    name = name == null ? NodeNames.shortForm(node) : Text.bound(name, 64);
    localPeers = localPeers == null ? List.of() : localPeers.stream().map(Text::bound).toList();
  }
}
