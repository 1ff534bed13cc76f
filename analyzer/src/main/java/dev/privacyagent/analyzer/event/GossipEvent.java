package dev.privacyagent.analyzer.event;

/**
 * The gossipsub events (docs/events.md, "Gossip events"): metadata only, never message data. A
 * group of their own so that the collector can route them to the gossip aggregates in one test.
 */
public sealed interface GossipEvent extends Event
    permits GossipRouterCreated, GossipLocalSubscription, GossipPeerSubscription, GossipPeerStatus,
        GossipPeerProtocol, GossipMeshChange, GossipPublish, GossipMessageReceived,
        GossipTopicStats, GossipPeerStats {}
