package io.libp2p.pubsub;

/** Router-level validation before the app sees a message; throwing rejects it (Invalid). */
public interface PubsubRouterMessageValidator {
    void validate(PubsubMessage msg);
}
