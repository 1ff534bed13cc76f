package dev.privacyagent.analyzer.collect.gossip;

import dev.privacyagent.analyzer.event.GossipPublishMode;
import java.util.List;

/**
 * One message our node published, as the detectors read it.
 *
 * @param subscribedSinceWall start of our subscription period of the topic that covers the
 *     publish, 0 when we were not subscribed (fanout publish)
 * @param subscribedUntilWall end of that period, 0 while it is still open or when not subscribed
 */
public record OwnPublish(
    long wallMillis,
    String topic,
    String messageId,
    long size,
    long recipients,
    List<String> recipientPeers,
    GossipPublishMode mode,
    long idontwantBefore,
    long meshPeers,
    long topicPeers,
    String errorClass,
    long subscribedSinceWall,
    long subscribedUntilWall) {
  public OwnPublish {
    recipientPeers = List.copyOf(recipientPeers);
  }

  public boolean failed() {
    return errorClass != null;
  }
}
