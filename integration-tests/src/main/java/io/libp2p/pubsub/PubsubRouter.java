package io.libp2p.pubsub;

/** A pubsub router: messages plus peers. */
public interface PubsubRouter extends PubsubMessageRouter, PubsubPeerRouter {
}
