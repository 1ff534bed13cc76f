package io.libp2p.pubsub.gossip;

import io.libp2p.core.PeerId;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.pubsub.ValidationResult;
import io.libp2p.pubsub.PubsubMessage;
import java.util.Optional;

/** Router events, all called on the router's event thread; implementations must not block. */
public interface GossipRouterEventListener {
    /** Either gossip stream of the peer closed. */
    void notifyDisconnected(PeerId peerId);

    /** Our outbound gossip stream to the peer became active. */
    void notifyConnected(PeerId peerId, Multiaddr peerAddress);

    /** First delivery of a message, before validation. */
    void notifyUnseenMessage(PeerId peerId, PubsubMessage msg);

    /** A duplicate; the validation result is empty while validation is pending. */
    void notifySeenMessage(PeerId peerId, PubsubMessage msg, Optional<ValidationResult> validationResult);

    void notifyUnseenInvalidMessage(PeerId peerId, PubsubMessage msg);

    void notifyUnseenValidMessage(PeerId peerId, PubsubMessage msg);

    void notifyMeshed(PeerId peerId, String topic);

    void notifyPruned(PeerId peerId, String topic);

    void notifyRouterMisbehavior(PeerId peerId, int count);
}
