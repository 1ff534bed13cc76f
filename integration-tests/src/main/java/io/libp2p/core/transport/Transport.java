package io.libp2p.core.transport;

import io.libp2p.core.ChannelVisitor;
import io.libp2p.core.Connection;
import io.libp2p.core.ConnectionHandler;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.multiformats.Multiaddr;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A transport (TCP) that listens and dials, upgrading raw connections to libp2p connections. */
public interface Transport {
    int getActiveListeners();

    int getActiveConnections();

    /** Bound addresses of the active listeners (a /tcp/0 request shows its real port). */
    List<Multiaddr> listenAddresses();

    boolean handles(Multiaddr addr);

    void initialize();

    CompletableFuture<kotlin.Unit> close();

    default CompletableFuture<kotlin.Unit> listen(Multiaddr addr, ConnectionHandler connHandler) {
        return listen(addr, connHandler, ch -> { });
    }

    CompletableFuture<kotlin.Unit> listen(Multiaddr addr, ConnectionHandler connHandler,
            ChannelVisitor<P2PChannel> preHandler);

    CompletableFuture<kotlin.Unit> unlisten(Multiaddr addr);

    default CompletableFuture<Connection> dial(Multiaddr addr, ConnectionHandler connHandler) {
        return dial(addr, connHandler, ch -> { });
    }

    CompletableFuture<Connection> dial(Multiaddr addr, ConnectionHandler connHandler,
            ChannelVisitor<P2PChannel> preHandler);
}
