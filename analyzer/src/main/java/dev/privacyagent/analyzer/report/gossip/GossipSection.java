package dev.privacyagent.analyzer.report.gossip;

import dev.privacyagent.analyzer.collect.gossip.GossipCounters;
import java.util.List;

/**
 * The gossip part of a report for one local node: what its subscriptions, meshes and own
 * messages show, the duty exposure and its course over time, the gossip findings' ids, and what
 * the aggregates dropped or sampled.
 *
 * @param protocolId the router's newest protocol, null when unknown
 * @param topics per topic, subscribed ones first, then by traffic; at most {@link
 *     GossipSections#MAX_TOPICS} (topicsTotal holds the count)
 * @param activePeers gossip peers active now
 * @param ownPublished own messages over the run
 * @param relayed messages we forwarded
 * @param received deliveries (first copies and duplicates)
 * @param adversaryShare f of the exposure measures
 * @param dutyPublishes own duty messages (detail kept)
 * @param exposedPublishes those outside long-lived subscriptions
 * @param meanLinkProbability expected share of our duties an adversary with f of our peers links
 * @param anyLinkProbability chance it links at least one
 * @param exposedSubnets the exposed duty subnets, most exposed first (bounded)
 * @param exposureOverTime per time bucket, oldest first
 * @param findings ids of this node's gossip findings
 */
public record GossipSection(
    String node,
    String protocolId,
    List<GossipTopicRow> topics,
    long topicsTotal,
    long activePeers,
    long ownPublished,
    long relayed,
    long received,
    double adversaryShare,
    long dutyPublishes,
    long exposedPublishes,
    double meanLinkProbability,
    double anyLinkProbability,
    List<String> exposedSubnets,
    List<ExposurePoint> exposureOverTime,
    long bucketMillis,
    List<String> findings,
    GossipCounters counters) {

  public GossipSection {
    topics = List.copyOf(topics);
    exposedSubnets = List.copyOf(exposedSubnets);
    exposureOverTime = List.copyOf(exposureOverTime);
    findings = List.copyOf(findings);
  }
}
