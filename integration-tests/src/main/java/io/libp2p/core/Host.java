package io.libp2p.core;

import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multistream.ProtocolBinding;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A libp2p node: identity, network, protocols and observers. */
public interface Host {
    PrivKey getPrivKey();

    PeerId getPeerId();

    Network getNetwork();

    AddressBook getAddressBook();

    /** Bound listen addresses (after start). */
    List<Multiaddr> listenAddresses();

    List<Stream> getStreams();

    CompletableFuture<Void> start();

    CompletableFuture<Void> stop();

    void addStreamVisitor(ChannelVisitor<Stream> streamVisitor);

    void removeStreamVisitor(ChannelVisitor<Stream> streamVisitor);

    void addProtocolHandler(ProtocolBinding<? extends Object> protocolBinding);

    List<ProtocolBinding<Object>> getProtocols();

    void removeProtocolHandler(ProtocolBinding<? extends Object> protocolBinding);

    void addConnectionHandler(ConnectionHandler handler);

    void removeConnectionHandler(ConnectionHandler handler);

    <TController> StreamPromise<TController> newStream(List<String> protocols, Connection conn);

    <TController> StreamPromise<TController> newStream(List<String> protocols, PeerId peer, Multiaddr... addr);
}
