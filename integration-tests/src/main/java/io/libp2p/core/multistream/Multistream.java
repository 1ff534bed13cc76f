package io.libp2p.core.multistream;

import io.libp2p.core.P2PChannel;
import io.libp2p.core.P2PChannelHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * multistream-select over a list of bindings. {@link #initChannel(P2PChannel)} negotiates one of the
 * bindings' protocols on the channel (the initiator proposes, the responder accepts or answers "na"),
 * then calls {@code binding.initChannel(ch, negotiatedId)} and completes with that binding's
 * controller. If the channel carries a {@code AttributesKt.getPROTOCOL()} future (streams do), the
 * engine completes it with the negotiated id. Negotiation failure fails the returned future and
 * closes the channel.
 */
public interface Multistream<TController> extends P2PChannelHandler<TController> {
    List<ProtocolBinding<TController>> getBindings();

    @Override
    CompletableFuture<TController> initChannel(P2PChannel ch);
}
