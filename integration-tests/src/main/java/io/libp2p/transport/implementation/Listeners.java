package io.libp2p.transport.implementation;

import io.libp2p.core.Libp2pException;
import io.libp2p.core.multiformats.Multiaddr;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The listening channels of one transport (TCP server sockets, QUIC's UDP sockets), each with the
 * address it was asked to listen on: several may share one {@code /tcp/0} or {@code /udp/0} request,
 * so unlisten accepts the requested or the bound address.
 */
public final class Listeners {
    private final Map<Channel, Multiaddr> requested = new ConcurrentHashMap<>();
    /** The transport's multiaddr of a bound socket address. */
    private final Function<InetSocketAddress, Multiaddr> toMultiaddr;

    public Listeners(Function<InetSocketAddress, Multiaddr> toMultiaddr) {
        this.toMultiaddr = toMultiaddr;
    }

    /** Tracks the channel of {@code bind} until it closes; a failed bind is forgotten before the caller hears of it. */
    public CompletableFuture<kotlin.Unit> add(ChannelFuture bind, Multiaddr addr) {
        Channel ch = bind.channel();
        requested.put(ch, addr);
        ch.closeFuture().addListener(f -> requested.remove(ch));
        bind.addListener(f -> {
            if (!f.isSuccess()) {
                requested.remove(ch);
            }
        });
        return P2PChannelOverNetty.toUnitFuture(bind);
    }

    public int size() {
        return requested.size();
    }

    public List<Multiaddr> boundAddresses() {
        List<Multiaddr> out = new ArrayList<>();
        for (Channel ch : requested.keySet()) {
            if (ch.localAddress() instanceof InetSocketAddress isa) {
                out.add(toMultiaddr.apply(isa));
            }
        }
        return out;
    }

    /** Closes the listeners asked for with {@code addr}, or the one bound to {@code addr}. */
    public CompletableFuture<kotlin.Unit> unlisten(Multiaddr addr) {
        List<CompletableFuture<kotlin.Unit>> closing = new ArrayList<>();
        for (Map.Entry<Channel, Multiaddr> e : requested.entrySet()) {
            Channel ch = e.getKey();
            boolean bound = ch.localAddress() instanceof InetSocketAddress isa && toMultiaddr.apply(isa).equals(addr);
            if (e.getValue().equals(addr) || bound) {
                requested.remove(ch);
                closing.add(P2PChannelOverNetty.toUnitFuture(ch.close()));
            }
        }
        if (closing.isEmpty()) {
            return CompletableFuture.failedFuture(new Libp2pException("Not listening on " + addr));
        }
        return CompletableFuture.allOf(closing.toArray(new CompletableFuture[0])).thenApply(v -> kotlin.Unit.INSTANCE);
    }

    public void closeAll() {
        List<Channel> toClose = new ArrayList<>(requested.keySet());
        requested.clear();
        toClose.forEach(Channel::close);
    }
}
