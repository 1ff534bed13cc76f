package io.libp2p.core.pubsub;

/** What a validator says about a received message: forward it, reject it (penalise the sender) or drop it. */
public enum ValidationResult {
    Valid,
    Invalid,
    Ignore
}
