package io.libp2p.protocol;

import io.libp2p.core.Stream;

/** Message-level callbacks of a protocol on a stream. */
public interface ProtocolMessageHandler<TMessage> {
    default void onActivated(Stream stream) {
    }

    default void onMessage(Stream stream, TMessage msg) {
    }

    default void onClosed(Stream stream) {
    }

    default void onException(Throwable cause) {
    }

    @SuppressWarnings("unchecked")
    default void fireMessage(Stream stream, Object msg) {
        onMessage(stream, (TMessage) msg);
    }
}
