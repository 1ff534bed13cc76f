package io.libp2p.transport.implementation;

import io.libp2p.core.Connection;
import io.libp2p.core.ConnectionClosedException;
import io.libp2p.core.PeerId;
import io.libp2p.core.Stream;
import io.libp2p.etc.AttributesKt;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import java.util.concurrent.CompletableFuture;

/**
 * A muxed stream over a Netty child channel. Created as soon as the child channel exists, before
 * multistream negotiates its protocol; the negotiator completes {@link #getProtocol()} through the
 * channel's {@code AttributesKt.getPROTOCOL()} future. If the stream closes first, that future fails.
 */
public class StreamOverNetty extends P2PChannelOverNetty implements Stream {
    private final Connection connection;
    private final CompletableFuture<String> protocol;

    public StreamOverNetty(Channel ch, Connection connection, boolean initiator) {
        super(ch, initiator);
        this.connection = connection;
        CompletableFuture<String> existing = ch.attr(AttributesKt.getPROTOCOL()).get();
        this.protocol = existing != null ? existing : new CompletableFuture<>();
        ch.attr(AttributesKt.getPROTOCOL()).set(protocol);
        ch.attr(AttributesKt.getSTREAM()).set(this);
        closeFuture().whenComplete((u, t) -> protocol.completeExceptionally(
                new ConnectionClosedException("Stream closed before a protocol was negotiated")));
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public PeerId remotePeerId() {
        return connection.secureSession().getRemoteId();
    }

    @Override
    public CompletableFuture<String> getProtocol() {
        return protocol;
    }

    @Override
    public void writeAndFlush(Object msg) {
        getNettyChannel().writeAndFlush(msg);
    }

    @Override
    public CompletableFuture<kotlin.Unit> closeWrite() {
        Channel ch = getNettyChannel();
        if (ch instanceof DuplexChannel dc) {
            return toUnitFuture(dc.shutdownOutput());
        }
        // Muxer child channels half-close on disconnect() (sends FIN), as in jvm-libp2p.
        return toUnitFuture(ch.disconnect());
    }

    @Override
    public String toString() {
        return "StreamOverNetty(" + getNettyChannel() + ")";
    }
}
