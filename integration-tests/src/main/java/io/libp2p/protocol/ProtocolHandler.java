package io.libp2p.protocol;

import io.libp2p.core.P2PChannel;
import io.libp2p.core.P2PChannelHandler;
import io.libp2p.core.Stream;
import java.util.concurrent.CompletableFuture;

/** Base of application protocols: dispatches to the initiator or the responder side of a stream. */
public abstract class ProtocolHandler<TController> implements P2PChannelHandler<TController> {

    @Override
    public CompletableFuture<TController> initChannel(P2PChannel ch) {
        Stream stream = (Stream) ch;
        return stream.isInitiator() ? onStartInitiator(stream) : onStartResponder(stream);
    }

    protected abstract CompletableFuture<TController> onStartInitiator(Stream stream);

    protected abstract CompletableFuture<TController> onStartResponder(Stream stream);
}
