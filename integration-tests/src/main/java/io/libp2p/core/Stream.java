package io.libp2p.core;

import io.libp2p.protocol.ProtocolMessageHandler;
import io.libp2p.protocol.ProtocolMessageHandlerAdapter;
import java.util.concurrent.CompletableFuture;

/** A multiplexed stream inside a {@link Connection}. */
public interface Stream extends P2PChannel {
    Connection getConnection();

    PeerId remotePeerId();

    /** Completes with the negotiated protocol id; fails when negotiation fails or the stream closes first. */
    CompletableFuture<String> getProtocol();

    default <TMessage> void pushHandler(ProtocolMessageHandler<TMessage> protocolHandler) {
        pushHandler(new ProtocolMessageHandlerAdapter<>(this, protocolHandler));
    }

    void writeAndFlush(Object msg);

    /** Abrupt close: on a muxed stream, closing the child channel resets it. */
    default CompletableFuture<kotlin.Unit> reset() {
        return close();
    }

    @Override
    CompletableFuture<kotlin.Unit> close();

    /** Half-close: no more writes from this side. */
    CompletableFuture<kotlin.Unit> closeWrite();
}
