package io.libp2p.core.multistream;

import io.libp2p.core.P2PChannel;
import java.util.concurrent.CompletableFuture;

/** A binding together with the protocol id that was negotiated for it. */
public class NegotiatedProtocol<TController, TBinding extends ProtocolBinding<? extends TController>> {
    private final TBinding binding;
    private final String protocol;

    public NegotiatedProtocol(TBinding binding, String protocol) {
        this.binding = binding;
        this.protocol = protocol;
    }

    public final TBinding getBinding() {
        return binding;
    }

    public final String getProtocol() {
        return protocol;
    }

    public CompletableFuture<? extends TController> initChannel(P2PChannel ch) {
        return binding.initChannel(ch, protocol);
    }
}
