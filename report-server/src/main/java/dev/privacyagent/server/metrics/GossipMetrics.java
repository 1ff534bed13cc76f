package dev.privacyagent.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.analyzer.collect.gossip.GossipCounters;
import dev.privacyagent.analyzer.collect.gossip.GossipPeer;
import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.collect.gossip.LocalTopic;
import dev.privacyagent.analyzer.collect.gossip.TopicTraffic;
import dev.privacyagent.server.render.Bounded;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * The gossipsub families of {@code /metrics}, labelled by local node (its name, as every family)
 * and topic. Topics are
 * chosen by applications and peers, so at most {@link #MAX_TOPIC_LABELS} distinct topic values
 * (the busiest over all nodes) get their own label value and the rest are summed under
 * {@code topic="other"}; no label ever carries a remote peer id. Every family is written even
 * without gossip, so that dashboards and alerts find it.
 */
final class GossipMetrics {
  static final int MAX_TOPIC_LABELS = 80;
  static final String OTHER = "other";
  private static final int MAX_LABEL = 128;

  private GossipMetrics() {}

  /**
   * One local node's gossip: its label value, its view, and the report's gossip sections that
   * hold its exposure (matched by node id).
   */
  record Source(String node, GossipView view, JsonNode sections) {}

  private record TopicFamily(String name, String type, String help, ToLongFunction<TopicTraffic> value) {}

  private static final List<TopicFamily> TOPIC_FAMILIES = List.of(
      new TopicFamily("libp2p_privacy_gossip_messages_received_total", "counter",
          "Gossip deliveries received per topic (first copies and duplicates)", TopicTraffic::received),
      new TopicFamily("libp2p_privacy_gossip_first_deliveries_total", "counter",
          "Gossip messages seen for the first time per topic", TopicTraffic::firstDeliveries),
      new TopicFamily("libp2p_privacy_gossip_duplicates_total", "counter",
          "Duplicate gossip deliveries per topic", TopicTraffic::duplicates),
      new TopicFamily("libp2p_privacy_gossip_relayed_total", "counter",
          "Gossip messages the node forwarded per topic (not its own)", TopicTraffic::relayed),
      new TopicFamily("libp2p_privacy_gossip_published_total", "counter",
          "Own gossip messages the node published per topic", TopicTraffic::published),
      new TopicFamily("libp2p_privacy_gossip_mesh_peers", "gauge",
          "Peers in the node's mesh of each topic", TopicTraffic::meshPeers),
      new TopicFamily("libp2p_privacy_gossip_topic_peers", "gauge",
          "Gossip peers known to subscribe to each topic", TopicTraffic::topicPeers));

  static void render(PromWriter w, List<Source> sources) {
    Map<String, String> labelOf = topicLabels(sources);
    long folded = labelOf.values().stream().filter(OTHER::equals).count();
    for (TopicFamily f : TOPIC_FAMILIES) {
      w.family(f.name(), f.type(), f.help() + "; topics beyond the " + MAX_TOPIC_LABELS
          + " busiest are summed under topic=\"other\"");
      for (Source src : sources) {
        Map<String, Long> byLabel = new TreeMap<>();
        for (TopicTraffic t : src.view().topics().values()) {
          byLabel.merge(labelOf.get(t.topic()), f.value().applyAsLong(t), Long::sum);
        }
        byLabel.forEach((topic, n) -> w.sample(f.name(), n, "node", src.node(), "topic", topic));
      }
    }
    w.single("libp2p_privacy_gossip_topic_labels_folded", "gauge",
        "Distinct gossip topics summed under topic=\"other\" because of the label cap", folded);
    w.family("libp2p_privacy_gossip_subscribed_topics", "gauge", "Topics the local node subscribes to now");
    for (Source src : sources) {
      w.sample("libp2p_privacy_gossip_subscribed_topics",
          src.view().localTopics().values().stream().filter(LocalTopic::subscribedNow).count(), "node", src.node());
    }
    w.family("libp2p_privacy_gossip_peers", "gauge", "Active gossip peers of the local node");
    for (Source src : sources) {
      w.sample("libp2p_privacy_gossip_peers", src.view().peers().values().stream().filter(GossipPeer::active).count(),
          "node", src.node());
    }
    exposure(w, sources);
    drops(w, sources);
  }

  /** Duty exposure as the report computed it (with its configured adversary share). */
  private static void exposure(PromWriter w, List<Source> sources) {
    w.family("libp2p_privacy_gossip_duty_link_probability", "gauge",
        "Expected share of the node's duties an adversary holding a share f of its peers links to it,"
            + " mean of 1-(1-f)^k over own duty messages (docs/detectors.md)");
    w.family("libp2p_privacy_gossip_duty_any_link_probability", "gauge",
        "Probability that such an adversary links at least one of the node's duties");
    w.family("libp2p_privacy_gossip_duty_messages", "gauge",
        "Own duty messages kept in detail, by exposure (outside long-lived subscriptions or covered)");
    for (Source src : sources) {
      JsonNode g = null;
      for (JsonNode section : src.sections()) {
        if (section.path("node").asText().equals(Bounded.text(src.view().node()))) {
          g = section;
        }
      }
      if (g == null) {
        continue;
      }
      w.sample("libp2p_privacy_gossip_duty_link_probability", g.path("meanLinkProbability").asDouble(), "node", src.node());
      w.sample("libp2p_privacy_gossip_duty_any_link_probability", g.path("anyLinkProbability").asDouble(), "node",
          src.node());
      long duty = g.path("dutyPublishes").asLong();
      long exposed = g.path("exposedPublishes").asLong();
      w.sample("libp2p_privacy_gossip_duty_messages", exposed, "node", src.node(), "exposure", "exposed");
      w.sample("libp2p_privacy_gossip_duty_messages", duty - exposed, "node", src.node(), "exposure", "covered");
    }
  }

  private static void drops(PromWriter w, List<Source> sources) {
    w.family("libp2p_privacy_gossip_dropped_total", "counter",
        "Gossip state the collector dropped or evicted to stay within its bounds, by reason");
    w.family("libp2p_privacy_gossip_message_events_total", "counter",
        "Per-message gossip events received (detail; counts come from the interval records)");
    w.family("libp2p_privacy_gossip_message_events_skipped_total", "counter",
        "Gossip deliveries the agent counted without writing a per-message event (sampling)");
    for (Source src : sources) {
      GossipCounters c = src.view().counters();
      String n = src.node();
      w.sample("libp2p_privacy_gossip_dropped_total", c.droppedTopics(), "node", n, "reason", "topic_cap");
      w.sample("libp2p_privacy_gossip_dropped_total", c.evictedPeers(), "node", n, "reason", "evicted_peer");
      w.sample("libp2p_privacy_gossip_dropped_total", c.evictedPublishes(), "node", n, "reason", "evicted_publish");
      w.sample("libp2p_privacy_gossip_dropped_total", c.droppedPeerTopics(), "node", n, "reason", "peer_topic_cap");
      w.sample("libp2p_privacy_gossip_message_events_total", c.messageEvents(), "node", n);
      w.sample("libp2p_privacy_gossip_message_events_skipped_total", c.messageEventsSkipped(), "node", n);
    }
  }

  /** Topic to label value: the busiest {@link #MAX_TOPIC_LABELS} over all nodes keep their name. */
  static Map<String, String> topicLabels(List<Source> sources) {
    Map<String, Long> activity = new HashMap<>();
    for (Source src : sources) {
      for (TopicTraffic t : src.view().topics().values()) {
        activity.merge(t.topic(), t.received() + t.published() + t.meshPeers() + t.topicPeers() + 1, Long::sum);
      }
    }
    List<Map.Entry<String, Long>> ranked = activity.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .toList();
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < ranked.size(); i++) {
      String topic = ranked.get(i).getKey();
      String label = Bounded.text(topic, MAX_LABEL);
      out.put(topic, i < MAX_TOPIC_LABELS && !OTHER.equals(label) ? label : OTHER);
    }
    return out;
  }

}
