package io.libp2p.mux.yamux;

import io.libp2p.core.Connection;
import io.libp2p.core.Stream;
import io.libp2p.core.StreamPromise;
import io.libp2p.core.multistream.MultistreamProtocol;
import io.libp2p.core.multistream.ProtocolBinding;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.transport.implementation.StreamOverNetty;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The host-facing session of one yamux connection: opens outbound streams and negotiates their protocol. */
public final class YamuxMuxerSession implements StreamMuxer.Session {
    private final YamuxSession session;
    private final Connection connection;
    private final MultistreamProtocol multistreamProtocol;

    YamuxMuxerSession(YamuxSession session, Connection connection, MultistreamProtocol multistreamProtocol) {
        this.session = session;
        this.connection = connection;
        this.multistreamProtocol = multistreamProtocol;
    }

    /** The engine underneath (pings, stream counts). */
    public YamuxSession yamux() {
        return session;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> StreamPromise<T> createStream(List<? extends ProtocolBinding<? extends T>> protocols) {
        CompletableFuture<Stream> stream = new CompletableFuture<>();
        CompletableFuture<T> controller = new CompletableFuture<>();
        session.openStream(child -> {
            StreamOverNetty s = new StreamOverNetty(child, connection, true);
            stream.complete(s);
            CompletableFuture<T> negotiated = multistreamProtocol.createMultistream((List) protocols).initChannel(s);
            negotiated.whenComplete((c, e) -> {
                if (e != null) {
                    controller.completeExceptionally(e);
                } else {
                    controller.complete(c);
                }
            });
        }).exceptionally(e -> {
            stream.completeExceptionally(e);
            controller.completeExceptionally(e);
            return null;
        });
        return new StreamPromise<>(stream, controller);
    }

    @Override
    public String toString() {
        return "YamuxMuxerSession[" + connection + "]";
    }
}
