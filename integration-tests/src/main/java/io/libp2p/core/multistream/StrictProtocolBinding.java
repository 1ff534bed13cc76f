package io.libp2p.core.multistream;

import io.libp2p.core.P2PChannel;
import io.libp2p.core.P2PChannelHandler;
import java.util.concurrent.CompletableFuture;

/** A binding for exactly one protocol id whose channel set-up is a {@link P2PChannelHandler}. */
public abstract class StrictProtocolBinding<TController> implements ProtocolBinding<TController> {
    private final ProtocolDescriptor protocolDescriptor;
    private final P2PChannelHandler<TController> protocol;

    protected StrictProtocolBinding(String announce, P2PChannelHandler<TController> protocol) {
        this.protocolDescriptor = new ProtocolDescriptor(announce);
        this.protocol = protocol;
    }

    @Override
    public ProtocolDescriptor getProtocolDescriptor() {
        return protocolDescriptor;
    }

    public P2PChannelHandler<TController> getProtocol() {
        return protocol;
    }

    @Override
    public CompletableFuture<? extends TController> initChannel(P2PChannel ch, String selectedProtocol) {
        return protocol.initChannel(ch);
    }
}
