package io.libp2p.core.pubsub;

/** The handle of one {@code subscribe} call. */
public interface PubsubSubscription {
    void unsubscribe();
}
