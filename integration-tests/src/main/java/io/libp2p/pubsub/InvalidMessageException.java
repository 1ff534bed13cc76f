package io.libp2p.pubsub;

import io.libp2p.core.Libp2pException;

/** A message rejected by the router validator. */
public class InvalidMessageException extends Libp2pException {
    public InvalidMessageException(String message) {
        super(message);
    }
}
