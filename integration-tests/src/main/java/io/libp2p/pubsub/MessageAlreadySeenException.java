package io.libp2p.pubsub;

import io.libp2p.core.Libp2pException;

/** Publish of a message whose id is in the seen cache. */
public class MessageAlreadySeenException extends Libp2pException {
    public MessageAlreadySeenException(String message) {
        super(message);
    }
}
