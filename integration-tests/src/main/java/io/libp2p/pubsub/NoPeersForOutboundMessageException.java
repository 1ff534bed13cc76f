package io.libp2p.pubsub;

import io.libp2p.core.Libp2pException;

/** Publish with no peer to send the message to (it is still in the message cache for later IWANTs). */
public class NoPeersForOutboundMessageException extends Libp2pException {
    public NoPeersForOutboundMessageException(String message) {
        super(message);
    }
}
