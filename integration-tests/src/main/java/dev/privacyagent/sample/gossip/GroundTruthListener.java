package dev.privacyagent.sample.gossip;

import dev.privacyagent.sample.Json;
import io.libp2p.core.PeerId;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.pubsub.ValidationResult;
import io.libp2p.pubsub.PubsubMessage;
import io.libp2p.pubsub.gossip.GossipRouterEventListener;
import java.util.Optional;

/** Prints deliveries (first or duplicate) and mesh changes of one node, from its router's callbacks. */
final class GroundTruthListener implements GossipRouterEventListener {
    private final EthGossipNode node;
    private final EthGossipNode.Counters counters;

    GroundTruthListener(EthGossipNode node, EthGossipNode.Counters counters) {
        this.node = node;
        this.counters = counters;
    }

    private void delivery(PeerId from, PubsubMessage msg, boolean first) {
        (first ? counters.deliveries() : counters.duplicates()).incrementAndGet();
        Json.event("gossip-delivery").put("node", node.index()).put("peerId", String.valueOf(node.peerId()))
                .put("topic", msg.getTopics().isEmpty() ? null : msg.getTopics().get(0))
                .put("messageId", msg.getMessageId().toString()).put("from", from.toBase58()).put("first", first)
                .put("size", msg.getSize()).print();
    }

    private void mesh(PeerId peer, String topic, String change) {
        Json.event("gossip-mesh").put("node", node.index()).put("peerId", String.valueOf(node.peerId())).put("topic", topic)
                .put("peer", peer.toBase58()).put("change", change).print();
    }

    @Override
    public void notifyUnseenMessage(PeerId peerId, PubsubMessage msg) {
        delivery(peerId, msg, true);
    }

    @Override
    public void notifySeenMessage(PeerId peerId, PubsubMessage msg, Optional<ValidationResult> validationResult) {
        delivery(peerId, msg, false);
    }

    @Override
    public void notifyMeshed(PeerId peerId, String topic) {
        mesh(peerId, topic, "meshed");
    }

    @Override
    public void notifyPruned(PeerId peerId, String topic) {
        mesh(peerId, topic, "pruned");
    }

    @Override
    public void notifyDisconnected(PeerId peerId) {
    }

    @Override
    public void notifyConnected(PeerId peerId, Multiaddr peerAddress) {
    }

    @Override
    public void notifyUnseenInvalidMessage(PeerId peerId, PubsubMessage msg) {
        Json.event("gossip-invalid").put("node", node.index()).put("from", peerId.toBase58())
                .put("messageId", msg.getMessageId().toString()).print();
    }

    @Override
    public void notifyUnseenValidMessage(PeerId peerId, PubsubMessage msg) {
    }

    @Override
    public void notifyRouterMisbehavior(PeerId peerId, int count) {
    }
}
