package io.libp2p.pubsub.gossip;

import io.libp2p.core.PeerId;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.pubsub.ValidationResult;
import io.libp2p.pubsub.PubsubMessage;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fans every router event out to the registered listeners (listeners may be added at any time). */
public final class GossipRouterEventBroadcaster implements GossipRouterEventListener {
    private final CopyOnWriteArrayList<GossipRouterEventListener> listeners = new CopyOnWriteArrayList<>();

    public final CopyOnWriteArrayList<GossipRouterEventListener> getListeners() {
        return listeners;
    }

    @Override
    public void notifyDisconnected(PeerId peerId) {
        listeners.forEach(l -> l.notifyDisconnected(peerId));
    }

    @Override
    public void notifyConnected(PeerId peerId, Multiaddr peerAddress) {
        listeners.forEach(l -> l.notifyConnected(peerId, peerAddress));
    }

    @Override
    public void notifyUnseenMessage(PeerId peerId, PubsubMessage msg) {
        listeners.forEach(l -> l.notifyUnseenMessage(peerId, msg));
    }

    @Override
    public void notifySeenMessage(PeerId peerId, PubsubMessage msg, Optional<ValidationResult> validationResult) {
        listeners.forEach(l -> l.notifySeenMessage(peerId, msg, validationResult));
    }

    @Override
    public void notifyUnseenInvalidMessage(PeerId peerId, PubsubMessage msg) {
        listeners.forEach(l -> l.notifyUnseenInvalidMessage(peerId, msg));
    }

    @Override
    public void notifyUnseenValidMessage(PeerId peerId, PubsubMessage msg) {
        listeners.forEach(l -> l.notifyUnseenValidMessage(peerId, msg));
    }

    @Override
    public void notifyMeshed(PeerId peerId, String topic) {
        listeners.forEach(l -> l.notifyMeshed(peerId, topic));
    }

    @Override
    public void notifyPruned(PeerId peerId, String topic) {
        listeners.forEach(l -> l.notifyPruned(peerId, topic));
    }

    @Override
    public void notifyRouterMisbehavior(PeerId peerId, int count) {
        listeners.forEach(l -> l.notifyRouterMisbehavior(peerId, count));
    }
}
