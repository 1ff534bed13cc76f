package io.libp2p.core;

import io.libp2p.core.multiformats.Multiaddr;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/** Known addresses of peers. */
public interface AddressBook {
    CompletableFuture<Collection<Multiaddr>> getAddrs(PeerId peerId);

    CompletableFuture<kotlin.Unit> setAddrs(PeerId peerId, long ttl, Multiaddr... addrs);

    CompletableFuture<kotlin.Unit> addAddrs(PeerId peerId, long ttl, Multiaddr... addrs);
}
