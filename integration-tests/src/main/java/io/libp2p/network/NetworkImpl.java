package io.libp2p.network;

import io.libp2p.core.ChannelVisitor;
import io.libp2p.core.Connection;
import io.libp2p.core.ConnectionHandler;
import io.libp2p.core.Libp2pException;
import io.libp2p.core.Network;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.PeerId;
import io.libp2p.core.TransportNotSupportedException;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listens and dials through its transports and keeps the open connections. Each transport gets a
 * broadcast of {connection tracker, the host's handler}, so the host's broadcast is nested inside it
 * as in jvm-libp2p.
 */
public final class NetworkImpl implements Network {
    private final List<Transport> transports;
    private final ConnectionHandler connectionHandler;
    private final CopyOnWriteArrayList<Connection> connections = new CopyOnWriteArrayList<>();

    public NetworkImpl(List<? extends Transport> transports, ConnectionHandler connectionHandler) {
        this.transports = List.copyOf(transports);
        this.connectionHandler = connectionHandler;
        this.transports.forEach(Transport::initialize);
    }

    @Override
    public List<Transport> getTransports() {
        return transports;
    }

    @Override
    public ConnectionHandler getConnectionHandler() {
        return connectionHandler;
    }

    /** Covariant, as in jvm-libp2p: the class file also carries the bridge {@code getConnections()Ljava/util/List;}. */
    @Override
    public CopyOnWriteArrayList<Connection> getConnections() {
        return connections;
    }

    private ConnectionHandler hookedHandler() {
        ConnectionHandler tracker = conn -> {
            connections.add(conn);
            conn.closeFuture().whenComplete((u, t) -> connections.remove(conn));
        };
        return ConnectionHandler.createBroadcast(List.of(tracker, connectionHandler));
    }

    private Transport transportFor(Multiaddr addr) {
        for (Transport t : transports) {
            if (t.handles(addr)) {
                return t;
            }
        }
        throw new TransportNotSupportedException("no transport to handle addr: " + addr);
    }

    @Override
    public CompletableFuture<kotlin.Unit> listen(Multiaddr addr, ChannelVisitor<P2PChannel> preHandler) {
        return transportFor(addr).listen(addr, hookedHandler(), preHandler);
    }

    @Override
    public CompletableFuture<kotlin.Unit> unlisten(Multiaddr addr) {
        return transportFor(addr).unlisten(addr);
    }

    @Override
    public CompletableFuture<Connection> connect(PeerId id, ChannelVisitor<P2PChannel> preHandler, Multiaddr... addrs) {
        for (Connection c : connections) {
            try {
                if (c.secureSession().getRemoteId().equals(id)) {
                    return CompletableFuture.completedFuture(c);
                }
            } catch (RuntimeException notYetSecured) {
                // a connection still upgrading has no remote id yet
            }
        }
        if (addrs.length == 0) {
            throw new Libp2pException("No addresses to dial peer " + id);
        }
        List<Multiaddr> withPeer = new ArrayList<>();
        for (Multiaddr a : addrs) {
            PeerId p = a.getPeerId();
            if (p != null && !p.equals(id)) {
                throw new Libp2pException("Multiaddress " + a + " names peer " + p + ", not " + id);
            }
            withPeer.add(p == null ? a.withP2P(id) : a);
        }
        List<CompletableFuture<Connection>> dials = new ArrayList<>();
        for (Multiaddr a : withPeer) {
            dials.add(transportFor(a).dial(a, hookedHandler(), preHandler));
        }
        return firstSuccess(dials);
    }

    /** Completes with the first dial that succeeds; fails with the last error when all fail. */
    private static CompletableFuture<Connection> firstSuccess(List<CompletableFuture<Connection>> dials) {
        if (dials.size() == 1) {
            return dials.get(0);
        }
        CompletableFuture<Connection> result = new CompletableFuture<>();
        AtomicInteger failures = new AtomicInteger();
        for (CompletableFuture<Connection> d : dials) {
            d.whenComplete((c, t) -> {
                if (t == null) {
                    if (!result.complete(c)) {
                        c.close();
                    }
                } else if (failures.incrementAndGet() == dials.size()) {
                    result.completeExceptionally(t);
                }
            });
        }
        return result;
    }

    @Override
    public CompletableFuture<kotlin.Unit> disconnect(Connection conn) {
        return conn.close();
    }

    @Override
    public CompletableFuture<kotlin.Unit> close() {
        CompletableFuture<?>[] fs = transports.stream().map(Transport::close).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(fs).thenApply(v -> kotlin.Unit.INSTANCE);
    }
}
