package io.libp2p.core.mux;

import io.libp2p.core.StreamPromise;
import io.libp2p.core.multistream.ProtocolBinding;
import java.util.List;

/**
 * A stream multiplexer (/yamux/1.0.0). {@code initChannel(conn, negotiatedId)} installs the muxer on
 * the secured connection and completes with the {@link Session}.
 *
 * <p>Contract for engines: every child stream (both directions) is wrapped in a
 * {@code io.libp2p.transport.implementation.StreamOverNetty(childChannel, connection, initiator)}
 * created as soon as the child channel exists (before any protocol negotiation); the connection is
 * {@code parent.attr(AttributesKt.getCONNECTION()).get()}. Inbound streams are handed to the
 * muxer's inbound {@code StreamHandler}; outbound ones are negotiated with the multistream built over
 * the bindings passed to {@link Session#createStream(List)}. Closing a child channel resets the
 * stream; {@code disconnect()} on it half-closes (FIN).
 */
public interface StreamMuxer extends ProtocolBinding<StreamMuxer.Session> {

    /** An established muxer on one connection. */
    interface Session {
        <T> StreamPromise<T> createStream(List<? extends ProtocolBinding<? extends T>> protocols);

        default <T> StreamPromise<T> createStream(ProtocolBinding<? extends T> protocol) {
            return createStream(List.of(protocol));
        }
    }
}
