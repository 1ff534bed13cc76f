package dev.privacyagent.analyzer.event;

import java.util.List;

/**
 * Our node published a message of its own (never a relayed one). One per publish, never
 * sampled: own messages are what origin and duty-exposure analysis rest on.
 *
 * @param messageId the message id as lower-case hex
 * @param size the message data length in bytes (the data itself is never read)
 * @param recipients how many peers the router sent our copy to directly
 * @param recipientPeers those peers' ids (at most 64 listed; {@code recipients} is the count)
 * @param mode how the router chose them
 * @param idontwantBefore peers sent an IDONTWANT for this id just before the message itself
 * @param meshPeers our mesh size for the topic at publish time
 * @param topicPeers peers known to subscribe to the topic at publish time
 * @param errorClass simple name of the failure (e.g. {@code NoPeersForOutboundMessageException}),
 *     null when the publish went out
 */
public record GossipPublish(
    long seq,
    long timeNanos,
    long wallMillis,
    String node,
    String topic,
    String messageId,
    long size,
    long recipients,
    List<String> recipientPeers,
    GossipPublishMode mode,
    long idontwantBefore,
    long meshPeers,
    long topicPeers,
    String errorClass)
    implements GossipEvent {
  public GossipPublish {
    recipientPeers = List.copyOf(recipientPeers);
  }
}
