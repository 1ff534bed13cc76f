package dev.privacyagent.analyzer.detect.gossip;

import java.util.Objects;

/** The thresholds of the five gossip detectors and the settings they share. */
public record GossipThresholds(
    GossipSettings settings,
    SubscriptionFingerprintDetector.Thresholds subscriptions,
    DutyExposureDetector.Thresholds duties,
    OriginExposureDetector.Thresholds origin,
    PublishRateDetector.Thresholds publishRate,
    ObservableOriginsDetector.Thresholds observable) {

  public GossipThresholds {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(subscriptions, "subscriptions");
    Objects.requireNonNull(duties, "duties");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(publishRate, "publishRate");
    Objects.requireNonNull(observable, "observable");
  }

  public static GossipThresholds defaults() {
    return new GossipThresholds(GossipSettings.defaults(), SubscriptionFingerprintDetector.Thresholds.defaults(),
        DutyExposureDetector.Thresholds.defaults(), OriginExposureDetector.Thresholds.defaults(),
        PublishRateDetector.Thresholds.defaults(), ObservableOriginsDetector.Thresholds.defaults());
  }

  public GossipThresholds withSettings(GossipSettings s) {
    return new GossipThresholds(s, subscriptions, duties, origin, publishRate, observable);
  }

  /** The five detectors, in report order. */
  public java.util.List<PerNodeGossipDetector> detectors() {
    return java.util.List.of(
        new SubscriptionFingerprintDetector(subscriptions, settings),
        new DutyExposureDetector(duties, settings),
        new OriginExposureDetector(origin),
        new PublishRateDetector(publishRate, settings),
        new ObservableOriginsDetector(observable, settings));
  }
}
