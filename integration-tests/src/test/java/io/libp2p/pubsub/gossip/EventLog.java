package io.libp2p.pubsub.gossip;

import io.libp2p.core.PeerId;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.pubsub.ValidationResult;
import io.libp2p.pubsub.PubsubMessage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records every GossipRouterEventListener callback with its thread. */
final class EventLog implements GossipRouterEventListener {
    record Event(String kind, PeerId peer, String topic, String messageId, Thread thread) {
    }

    final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

    private void add(String kind, PeerId peer, String topic, PubsubMessage msg) {
        events.add(new Event(kind, peer, topic, msg == null ? null : msg.getMessageId().toString(), Thread.currentThread()));
    }

    List<Event> of(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    boolean has(String kind, PeerId peer, String topic) {
        return events.stream().anyMatch(e -> e.kind().equals(kind) && e.peer().equals(peer) && (topic == null || topic.equals(e.topic())));
    }

    @Override
    public void notifyDisconnected(PeerId peerId) {
        add("disconnected", peerId, null, null);
    }

    @Override
    public void notifyConnected(PeerId peerId, Multiaddr peerAddress) {
        add("connected", peerId, null, null);
    }

    @Override
    public void notifyUnseenMessage(PeerId peerId, PubsubMessage msg) {
        add("unseen", peerId, null, msg);
    }

    @Override
    public void notifySeenMessage(PeerId peerId, PubsubMessage msg, Optional<ValidationResult> validationResult) {
        add("seen", peerId, null, msg);
    }

    @Override
    public void notifyUnseenInvalidMessage(PeerId peerId, PubsubMessage msg) {
        add("invalid", peerId, null, msg);
    }

    @Override
    public void notifyUnseenValidMessage(PeerId peerId, PubsubMessage msg) {
        add("valid", peerId, null, msg);
    }

    @Override
    public void notifyMeshed(PeerId peerId, String topic) {
        add("meshed", peerId, topic, null);
    }

    @Override
    public void notifyPruned(PeerId peerId, String topic) {
        add("pruned", peerId, topic, null);
    }

    @Override
    public void notifyRouterMisbehavior(PeerId peerId, int count) {
        add("misbehavior", peerId, null, null);
    }
}
