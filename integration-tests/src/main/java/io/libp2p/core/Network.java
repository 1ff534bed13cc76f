package io.libp2p.core;

import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.transport.Transport;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Transports, listeners and the connections of a host. */
public interface Network {
    List<Transport> getTransports();

    ConnectionHandler getConnectionHandler();

    List<Connection> getConnections();

    default CompletableFuture<kotlin.Unit> listen(Multiaddr addr) {
        return listen(addr, ch -> { });
    }

    CompletableFuture<kotlin.Unit> listen(Multiaddr addr, ChannelVisitor<P2PChannel> preHandler);

    CompletableFuture<kotlin.Unit> unlisten(Multiaddr addr);

    /** Dials the peer named by the addresses' /p2p component; all addresses must name the same peer. */
    default CompletableFuture<Connection> connect(Multiaddr... addrs) {
        PeerId id = null;
        for (Multiaddr a : addrs) {
            PeerId p = a.getPeerId();
            if (p == null) {
                throw new Libp2pException("Multiaddress should contain /p2p/<peerId> component: " + a);
            }
            if (id != null && !id.equals(p)) {
                throw new Libp2pException("All multiaddresses should have the same peerId: " + List.of(addrs));
            }
            id = p;
        }
        if (id == null) {
            throw new Libp2pException("No address to connect to");
        }
        return connect(id, addrs);
    }

    default CompletableFuture<Connection> connect(PeerId id, Multiaddr... addrs) {
        return connect(id, ch -> { }, addrs);
    }

    CompletableFuture<Connection> connect(PeerId id, ChannelVisitor<P2PChannel> preHandler, Multiaddr... addrs);

    CompletableFuture<kotlin.Unit> disconnect(Connection conn);

    CompletableFuture<kotlin.Unit> close();
}
