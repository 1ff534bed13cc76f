package dev.privacyagent.analyzer.detect.gossip;

import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.collect.gossip.OwnPublish;
import dev.privacyagent.analyzer.collect.gossip.TopicTraffic;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Publish-rate fingerprint: an Ethereum validator attests once per epoch, so the number of our
 * own duty messages per epoch-like period, when it is steady, says how many validators the node
 * runs. The count per complete epoch of the node's observed time; steady = coefficient of
 * variation at most {@code maxCv}. It matters most when our own messages stand out from the ones
 * we relay on the same topics.
 */
public final class PublishRateDetector extends PerNodeGossipDetector {

  /**
   * @param minEpochs complete epochs with own duty publishes needed
   * @param maxCv the per-epoch counts are steady below this coefficient of variation
   * @param hideShare own messages below this share of all we send on their topic hide among the
   *     relayed ones; MEDIUM when at least half of our duty messages do not hide, else LOW
   */
  public record Thresholds(int minEpochs, double maxCv, double hideShare) {
    public Thresholds {
      if (minEpochs < 2 || !(maxCv > 0) || !(hideShare > 0 && hideShare < 1)) {
        throw new IllegalArgumentException("invalid publish rate thresholds");
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(3, 0.5, 0.05);
    }
  }

  private final Thresholds t;
  private final GossipSettings settings;

  public PublishRateDetector(Thresholds thresholds, GossipSettings settings) {
    this.t = thresholds;
    this.settings = settings;
  }

  @Override
  public Category category() {
    return Category.PUBLISH_RATE;
  }

  @Override
  public List<Finding> detect(GossipView v, String suffix) {
    long epoch = settings.epochMillis();
    long start = v.firstWallMillis();
    int complete = (int) Math.min(100_000, (v.lastWallMillis() - start) / epoch);
    if (complete < t.minEpochs()) {
      return List.of();
    }
    long[] counts = new long[complete];
    TreeSet<String> topics = new TreeSet<>();
    for (OwnPublish p : v.publishes()) {
      if (p.failed() || !settings.isDutyTopic(p.topic())) {
        continue;
      }
      long i = (p.wallMillis() - start) / epoch;
      if (i >= 0 && i < complete) {
        counts[(int) i]++;
        topics.add(p.topic());
      }
    }
    long active = Arrays.stream(counts).filter(c -> c > 0).count();
    if (active < t.minEpochs()) {
      return List.of();
    }
    double mean = Arrays.stream(counts).average().orElse(0);
    double var = Arrays.stream(counts).mapToDouble(c -> (c - mean) * (c - mean)).sum() / counts.length;
    double cv = mean == 0 ? 0 : Math.sqrt(var) / mean;
    if (cv > t.maxCv()) {
      return List.of();
    }
    long[] sorted = counts.clone();
    Arrays.sort(sorted);
    long median = sorted[sorted.length / 2];
    // a topic where our own messages are a visible share of what we send gives them away; on a topic
    // we relay much on, they hide among the relayed ones
    long published = 0, relayed = 0, identifiable = 0, duty = 0;
    for (String topic : topics) {
      TopicTraffic tt = v.topics().get(topic);
      if (tt == null) {
        continue;
      }
      published += tt.published();
      relayed += tt.relayed();
      duty += tt.published();
      if (tt.published() >= t.hideShare() * (tt.published() + tt.relayed())) {
        identifiable += tt.published();
      }
    }
    double ownShare = published + relayed == 0 ? 1.0 : (double) published / (published + relayed);
    double identifiableShare = duty == 0 ? 1.0 : (double) identifiable / duty;
    List<String> perEpoch = new ArrayList<>();
    for (long c : counts) {
      perEpoch.add(Long.toString(c));
    }
    return List.of(new Finding(
        "gossip.publish-rate" + suffix,
        Category.PUBLISH_RATE,
        identifiableShare >= 0.5 ? Severity.MEDIUM : Severity.LOW,
        round3((1 - cv / t.maxCv()) * active / (active + (double) t.minEpochs())),
        String.format("Our node publishes a steady %d duty messages per %d s epoch (%d epochs, CV %.2f): an"
                + " observer reads about %d validators on this node; %.0f%% of them went out on topics where own"
                + " messages stand out from relayed ones", median, epoch / 1000, complete, cv, median,
            identifiableShare * 100),
        Evidence.of()
            .put("estimatedValidators", median)
            .put("epochs", (long) complete)
            .put("epochMillis", epoch)
            .put("meanPerEpoch", round3(mean))
            .put("cv", round3(cv))
            .put("ownShareOfSent", round3(ownShare))
            .put("identifiableShare", round3(identifiableShare))
            .list("perEpoch", perEpoch)
            .build(),
        "Spread validators over several nodes, or subscribe to all subnets so that own messages are a small share"
            + " of the traffic the node sends."));
  }
}
