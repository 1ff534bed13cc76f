package io.libp2p.core.multistream;

import java.time.Duration;
import java.util.List;

/** multistream-select /multistream/1.0.0 on the wire engine {@code io.libp2p.multistream.MultistreamNegotiator}. */
public final class MultistreamProtocolV1 implements MultistreamProtocol {
    public static final String VERSION = "/multistream/1.0.0";
    public static final MultistreamProtocolV1 INSTANCE = new MultistreamProtocolV1(Duration.ofSeconds(10));

    private final Duration negotiationTimeout;

    public MultistreamProtocolV1(Duration negotiationTimeout) {
        this.negotiationTimeout = negotiationTimeout;
    }

    @Override
    public String getVersion() {
        return VERSION;
    }

    @Override
    public <TController> Multistream<TController> createMultistream(List<? extends ProtocolBinding<TController>> bindings) {
        return new NegotiatingMultistream<>(bindings, negotiationTimeout);
    }
}
