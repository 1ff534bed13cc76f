package io.libp2p.host;

import io.libp2p.core.AddressBook;
import io.libp2p.core.ChannelVisitor;
import io.libp2p.core.Connection;
import io.libp2p.core.ConnectionHandler;
import io.libp2p.core.Host;
import io.libp2p.core.Network;
import io.libp2p.core.NoSuchLocalProtocolException;
import io.libp2p.core.PeerId;
import io.libp2p.core.Stream;
import io.libp2p.core.StreamPromise;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multistream.ProtocolBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The host: every builder ends in this constructor. Protocols, connection handlers and stream
 * visitors are live lists shared with the network and the muxers, so later additions take effect.
 */
public final class HostImpl implements Host {
    private final PrivKey privKey;
    private final Network network;
    private final AddressBook addressBook;
    private final List<Multiaddr> listenAddrs;
    private final List<ProtocolBinding<Object>> protocolHandlers;
    private final ConnectionHandler.Broadcast connectionHandlers;
    private final ChannelVisitor.Broadcast<Stream> streamVisitors;
    private final PeerId peerId;
    private final CopyOnWriteArrayList<Stream> streams = new CopyOnWriteArrayList<>();

    public HostImpl(PrivKey privKey, Network network, AddressBook addressBook, List<Multiaddr> listenAddrs,
            List<ProtocolBinding<Object>> protocolHandlers, ConnectionHandler.Broadcast connectionHandlers,
            ChannelVisitor.Broadcast<Stream> streamVisitors) {
        this.privKey = privKey;
        this.network = network;
        this.addressBook = addressBook;
        this.listenAddrs = List.copyOf(listenAddrs);
        this.protocolHandlers = protocolHandlers;
        this.connectionHandlers = connectionHandlers;
        this.streamVisitors = streamVisitors;
        this.peerId = PeerId.fromPubKey(privKey.publicKey());
        streamVisitors.add(stream -> {
            streams.add(stream);
            stream.closeFuture().whenComplete((u, t) -> streams.remove(stream));
        });
    }

    @Override
    public PrivKey getPrivKey() {
        return privKey;
    }

    @Override
    public PeerId getPeerId() {
        return peerId;
    }

    @Override
    public Network getNetwork() {
        return network;
    }

    @Override
    public AddressBook getAddressBook() {
        return addressBook;
    }

    @Override
    public List<Multiaddr> listenAddresses() {
        List<Multiaddr> out = new ArrayList<>();
        network.getTransports().forEach(t -> out.addAll(t.listenAddresses()));
        return out;
    }

    /** Covariant, like jvm-libp2p's {@code val streams = CopyOnWriteArrayList<Stream>()} (plus the bridge). */
    @Override
    public CopyOnWriteArrayList<Stream> getStreams() {
        return streams;
    }

    @Override
    public CompletableFuture<Void> start() {
        CompletableFuture<?>[] fs = listenAddrs.stream().map(network::listen).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(fs);
    }

    @Override
    public CompletableFuture<Void> stop() {
        return network.close().thenApply(u -> null);
    }

    @Override
    public void addStreamVisitor(ChannelVisitor<Stream> streamVisitor) {
        streamVisitors.add(streamVisitor);
    }

    @Override
    public void removeStreamVisitor(ChannelVisitor<Stream> streamVisitor) {
        streamVisitors.remove(streamVisitor);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void addProtocolHandler(ProtocolBinding<? extends Object> protocolBinding) {
        protocolHandlers.add((ProtocolBinding<Object>) protocolBinding);
    }

    @Override
    public List<ProtocolBinding<Object>> getProtocols() {
        return protocolHandlers;
    }

    @Override
    public void removeProtocolHandler(ProtocolBinding<? extends Object> protocolBinding) {
        protocolHandlers.remove(protocolBinding);
    }

    @Override
    public void addConnectionHandler(ConnectionHandler handler) {
        connectionHandlers.add(handler);
    }

    @Override
    public void removeConnectionHandler(ConnectionHandler handler) {
        connectionHandlers.remove(handler);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <TController> StreamPromise<TController> newStream(List<String> protocols, Connection conn) {
        ProtocolBinding<TController> binding = null;
        for (ProtocolBinding<Object> b : protocolHandlers) {
            if (b.getProtocolDescriptor().matchesAny(protocols)) {
                binding = (ProtocolBinding<TController>) (ProtocolBinding<?>) b;
                break;
            }
        }
        if (binding == null) {
            throw new NoSuchLocalProtocolException("Protocol handler not found: " + protocols);
        }
        return conn.muxerSession().createStream(binding.toInitiator(protocols));
    }

    @Override
    public <TController> StreamPromise<TController> newStream(List<String> protocols, PeerId peer, Multiaddr... addr) {
        CompletableFuture<Connection> conn = network.connect(peer, addr);
        CompletableFuture<StreamPromise<TController>> promise = conn.thenApply(c -> newStream(protocols, c));
        CompletableFuture<Stream> stream = promise.thenCompose(StreamPromise::getStream);
        CompletableFuture<TController> controller = promise.thenCompose(StreamPromise::getController);
        return new StreamPromise<>(stream, controller);
    }

    @Override
    public String toString() {
        return "HostImpl(" + peerId + ")";
    }
}
