package io.libp2p.mux.yamux;

import io.libp2p.core.Connection;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.Stream;
import io.libp2p.core.StreamHandler;
import io.libp2p.core.StreamPromise;
import io.libp2p.core.multistream.Multistream;
import io.libp2p.core.multistream.MultistreamProtocol;
import io.libp2p.core.multistream.ProtocolBinding;
import io.libp2p.core.multistream.ProtocolDescriptor;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.transport.implementation.StreamOverNetty;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Host-side binding of /yamux/1.0.0 (written by the host integration, not the engine): puts
 * {@link YamuxFrameCodec} and {@link YamuxSession} on the connection and wraps every child channel
 * in a {@link StreamOverNetty} as soon as it exists. Inbound streams go to the inbound stream
 * handler; outbound ones are negotiated over the bindings given to createStream.
 */
public class YamuxStreamMuxer implements StreamMuxer {
    private final StreamHandler<?> inboundStreamHandler;
    private final MultistreamProtocol multistreamProtocol;

    public YamuxStreamMuxer(StreamHandler<?> inboundStreamHandler, MultistreamProtocol multistreamProtocol) {
        this.inboundStreamHandler = inboundStreamHandler;
        this.multistreamProtocol = multistreamProtocol;
    }

    @Override
    public ProtocolDescriptor getProtocolDescriptor() {
        return new ProtocolDescriptor(YamuxSession.PROTOCOL_ID);
    }

    @Override
    public CompletableFuture<StreamMuxer.Session> initChannel(P2PChannel ch, String selectedProtocol) {
        Connection conn = (Connection) ch;
        YamuxSession session = new YamuxSession(ch.isInitiator(), child -> {
            Stream stream = new StreamOverNetty(child, conn, false);
            inboundStreamHandler.handleStream(stream);
        });
        ch.pushHandler(new YamuxFrameCodec());
        ch.pushHandler(session);
        return CompletableFuture.completedFuture(new MuxerSession(session, conn));
    }

    private final class MuxerSession implements StreamMuxer.Session {
        private final YamuxSession session;
        private final Connection conn;

        MuxerSession(YamuxSession session, Connection conn) {
            this.session = session;
            this.conn = conn;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <T> StreamPromise<T> createStream(List<? extends ProtocolBinding<? extends T>> protocols) {
            CompletableFuture<Stream> streamFuture = new CompletableFuture<>();
            CompletableFuture<T> controller = new CompletableFuture<>();
            Multistream<T> multistream = multistreamProtocol.createMultistream((List) protocols);
            session.openStream(child -> {
                StreamOverNetty stream = new StreamOverNetty(child, conn, true);
                streamFuture.complete(stream);
                multistream.initChannel(stream).whenComplete((c, t) -> {
                    if (t != null) {
                        controller.completeExceptionally(t);
                    } else {
                        controller.complete(c);
                    }
                });
            }).whenComplete((child, t) -> {
                if (t != null) {
                    streamFuture.completeExceptionally(t);
                    controller.completeExceptionally(t);
                }
            });
            return new StreamPromise<>(streamFuture, controller);
        }
    }
}
