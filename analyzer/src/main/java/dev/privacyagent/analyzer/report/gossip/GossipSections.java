package dev.privacyagent.analyzer.report.gossip;

import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.collect.gossip.GossipBucket;
import dev.privacyagent.analyzer.collect.gossip.GossipPeer;
import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.collect.gossip.LocalTopic;
import dev.privacyagent.analyzer.collect.gossip.TopicTraffic;
import dev.privacyagent.analyzer.detect.gossip.DutyExposure;
import dev.privacyagent.analyzer.detect.gossip.GossipSettings;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/** Builds the gossip section of a report from one node's {@link GossipView}. */
public final class GossipSections {
  /** Topic rows kept per node. */
  public static final int MAX_TOPICS = 100;
  /** Exposure points per node; longer runs are merged down to this many. */
  public static final int MAX_POINTS = 360;
  /** Longest topic string kept in a row. */
  public static final int MAX_TOPIC_CHARS = 160;

  static final Set<Category> GOSSIP = EnumSet.of(Category.GOSSIP_SUBSCRIPTIONS, Category.DUTY_EXPOSURE,
      Category.ORIGIN_EXPOSURE, Category.PUBLISH_RATE, Category.GOSSIP_OBSERVATION);

  private GossipSections() {}

  public static boolean isGossip(Category c) {
    return GOSSIP.contains(c);
  }

  /** One section per node with gossip events, in node order. */
  public static List<GossipSection> of(Snapshot s, GossipSettings settings, List<Finding> findings) {
    List<GossipSection> out = new ArrayList<>();
    boolean multi = s.gossip().size() > 1;
    for (var e : new TreeMap<>(s.gossip()).entrySet()) {
      String suffix = multi ? ":" + e.getKey() : "";
      List<String> ids = new ArrayList<>();
      for (Finding f : findings) {
        if (isGossip(f.category()) && (multi ? f.id().endsWith(suffix) : true)) {
          ids.add(f.id());
        }
      }
      out.add(of(e.getValue(), settings, ids));
    }
    return out;
  }

  /** The section of one node. */
  public static GossipSection of(GossipView v, GossipSettings settings, List<String> findingIds) {
    long now = v.lastWallMillis();
    List<GossipTopicRow> rows = new ArrayList<>();
    for (TopicTraffic t : v.topics().values()) {
      LocalTopic lt = v.localTopics().get(t.topic());
      rows.add(new GossipTopicRow(
          Text.bound(t.topic(), MAX_TOPIC_CHARS),
          lt != null && lt.subscribedNow(),
          lt == null ? 0 : lt.subscribedMillis(now),
          lt == null ? 0 : lt.periods().size(),
          lt == null || lt.periods().isEmpty() ? 0 : lt.periods().get(0).fromWall(),
          t.meshPeers(), t.topicPeers(), t.received(), t.firstDeliveries(), t.duplicates(), t.relayed(),
          t.published(), t.meanDuplicateDelayNanos() / 1e6));
    }
    long total = rows.size();
    rows.sort(Comparator.comparing((GossipTopicRow r) -> !r.subscribed())
        .thenComparing(Comparator.comparingLong((GossipTopicRow r) -> r.received() + r.published()).reversed())
        .thenComparing(GossipTopicRow::topic));
    if (rows.size() > MAX_TOPICS) {
      rows = new ArrayList<>(rows.subList(0, MAX_TOPICS));
    }
    long active = 0;
    for (GossipPeer p : v.peers().values()) {
      active += p.active() ? 1 : 0;
    }
    DutyExposure x = DutyExposure.measure(v, settings);
    List<String> subnets = new ArrayList<>();
    for (DutyExposure.DutyTopic d : x.topics()) {
      if (subnets.size() < 20) {
        subnets.add(Text.bound(settings.shortName(d.topic()), MAX_TOPIC_CHARS));
      }
    }
    List<ExposurePoint> points = new ArrayList<>();
    for (GossipBucket b : v.buckets()) {
      points.add(new ExposurePoint(b.startWall(), b.ownPublished(), b.ownUnsubscribed(),
          round4(settings.linkProbability(b.maxRecipientsUnsubscribed()))));
    }
    int group = (points.size() + MAX_POINTS - 1) / MAX_POINTS;
    points = downsample(points, MAX_POINTS);
    return new GossipSection(
        Text.bound(v.node()),
        v.router() == null ? null : Text.bound(v.router().protocolId()),
        rows, total, active, v.totalPublished(), v.totalRelayed(), v.totalReceived(),
        settings.adversaryShare(), x.dutyPublishes(), x.exposed(), round4(x.meanLinkProbability()),
        round4(x.anyLinkProbability()), subnets, points, v.bucketMillis() * Math.max(1, group), findingIds,
        v.counters());
  }

  /**
   * At most {@code max} points covering the same time: neighbours merged in equal groups, counts
   * summed, the highest link probability kept.
   */
  public static List<ExposurePoint> downsample(List<ExposurePoint> points, int max) {
    if (points.size() <= max) {
      return points;
    }
    int group = (points.size() + max - 1) / max;
    List<ExposurePoint> out = new ArrayList<>();
    for (int i = 0; i < points.size(); i += group) {
      long own = 0, off = 0;
      double p = 0;
      for (ExposurePoint x : points.subList(i, Math.min(points.size(), i + group))) {
        own += x.ownPublished();
        off += x.ownUnsubscribed();
        p = Math.max(p, x.linkProbability());
      }
      out.add(new ExposurePoint(points.get(i).startWall(), own, off, p));
    }
    return out;
  }

  static double round4(double v) {
    return Math.round(v * 10_000.0) / 10_000.0;
  }
}
