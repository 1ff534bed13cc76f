package dev.privacyagent.analyzer.report;

import dev.privacyagent.analyzer.collect.NodeNames;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One row of the comparison across local nodes: the measures that tell nodes apart, from that
 * node's own section.
 *
 * @param findingsByCategory findings per category, every category present
 * @param severityCounts findings per severity, every severity present, CRITICAL first
 * @param agentVersionBits identifying bits of the node's agentVersion among its peers (0 when it
 *     sent no identify or too few peers identified themselves)
 * @param protocolSetBits identifying bits of its advertised protocol set, likewise
 * @param plaintextConnections connections (open or closed, in the window) on a plaintext security protocol
 * @param highlights what this node exposes that the other nodes do not (empty for a single
 *     node), e.g. {@code "only node with plaintext connections"}
 */
public record NodeComparison(
    String node,
    String name,
    double riskScore,
    Map<Category, Long> findingsByCategory,
    Map<Severity, Long> severityCounts,
    long peers,
    long prefixes,
    double effectiveAnonymitySet,
    double degreeOfAnonymity,
    double agentVersionBits,
    double protocolSetBits,
    long openConnections,
    long plaintextConnections,
    List<String> highlights) {

  public NodeComparison {
    Objects.requireNonNull(node, "node");
    node = Text.bound(node);
    name = name == null ? NodeNames.shortForm(node) : Text.bound(name, 64);
    findingsByCategory = allCategories(findingsByCategory);
    severityCounts = allSeverities(severityCounts);
    highlights = highlights == null ? List.of() : highlights.stream().map(h -> Text.bound(h, 256)).toList();
  }

  private static Map<Category, Long> allCategories(Map<Category, Long> in) {
    EnumMap<Category, Long> out = new EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      out.put(c, in == null ? 0L : in.getOrDefault(c, 0L));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static Map<Severity, Long> allSeverities(Map<Severity, Long> in) {
    LinkedHashMap<Severity, Long> out = new LinkedHashMap<>();
    for (int i = Severity.values().length - 1; i >= 0; i--) {
      Severity s = Severity.values()[i];
      out.put(s, in == null ? 0L : in.getOrDefault(s, 0L));
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
