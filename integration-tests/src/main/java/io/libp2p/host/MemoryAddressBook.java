package io.libp2p.host;

import io.libp2p.core.AddressBook;
import io.libp2p.core.PeerId;
import io.libp2p.core.multiformats.Multiaddr;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory address book (TTLs are accepted but not enforced). */
public class MemoryAddressBook implements AddressBook {
    private final Map<PeerId, Set<Multiaddr>> map = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Collection<Multiaddr>> getAddrs(PeerId peerId) {
        Set<Multiaddr> s = map.get(peerId);
        return CompletableFuture.completedFuture(s == null ? List.of() : List.copyOf(s));
    }

    @Override
    public CompletableFuture<kotlin.Unit> setAddrs(PeerId peerId, long ttl, Multiaddr... addrs) {
        map.put(peerId, new LinkedHashSet<>(List.of(addrs)));
        return CompletableFuture.completedFuture(kotlin.Unit.INSTANCE);
    }

    @Override
    public CompletableFuture<kotlin.Unit> addAddrs(PeerId peerId, long ttl, Multiaddr... addrs) {
        map.compute(peerId, (k, v) -> {
            Set<Multiaddr> s = v == null ? new LinkedHashSet<>() : new LinkedHashSet<>(v);
            s.addAll(List.of(addrs));
            return s;
        });
        return CompletableFuture.completedFuture(kotlin.Unit.INSTANCE);
    }
}
