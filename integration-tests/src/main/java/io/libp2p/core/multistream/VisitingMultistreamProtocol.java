package io.libp2p.core.multistream;

import io.libp2p.core.ChannelVisitor;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.Stream;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Stream-level multistream that shows every new stream (both directions) to the host's stream visitors first. */
public final class VisitingMultistreamProtocol implements MultistreamProtocol {
    private final MultistreamProtocol delegate;
    private final ChannelVisitor<Stream> streamVisitor;

    public VisitingMultistreamProtocol(MultistreamProtocol delegate, ChannelVisitor<Stream> streamVisitor) {
        this.delegate = delegate;
        this.streamVisitor = streamVisitor;
    }

    @Override
    public String getVersion() {
        return delegate.getVersion();
    }

    @Override
    public <TController> Multistream<TController> createMultistream(List<? extends ProtocolBinding<TController>> bindings) {
        Multistream<TController> inner = delegate.createMultistream(bindings);
        return new Multistream<>() {
            @Override
            public List<ProtocolBinding<TController>> getBindings() {
                return inner.getBindings();
            }

            @Override
            public CompletableFuture<TController> initChannel(P2PChannel ch) {
                if (ch instanceof Stream s) {
                    streamVisitor.visit(s);
                }
                return inner.initChannel(ch);
            }
        };
    }
}
