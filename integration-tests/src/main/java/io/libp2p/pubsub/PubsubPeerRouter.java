package io.libp2p.pubsub;

import io.libp2p.core.Stream;

/** The peer side of a pubsub router: negotiated streams come and go. */
public interface PubsubPeerRouter {
    void addPeer(Stream stream);

    void removePeer(Stream stream);
}
