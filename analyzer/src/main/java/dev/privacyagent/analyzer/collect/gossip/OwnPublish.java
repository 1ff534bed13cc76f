package dev.privacyagent.analyzer.collect.gossip;

import dev.privacyagent.analyzer.event.GossipPublish;

/**
 * One message our node published, with the subscription context the detectors need.
 *
 * @param subscribedSinceWall start of our subscription period of the topic that covers the
 *     publish, 0 when we were not subscribed (fanout publish)
 * @param subscribedUntilWall end of that period, 0 while it is still open or when not subscribed
 */
public record OwnPublish(GossipPublish event, long subscribedSinceWall, long subscribedUntilWall) {

  public long wallMillis() {
    return event.wallMillis();
  }

  public String topic() {
    return event.topic();
  }

  public long recipients() {
    return event.recipients();
  }

  public boolean subscribed() {
    return subscribedSinceWall > 0;
  }

  public boolean failed() {
    return event.errorClass() != null;
  }
}
