package io.libp2p.core.multistream;

import java.util.List;

/** A version of multistream-select (the host uses "/multistream/1.0.0"). */
public interface MultistreamProtocol {
    String getVersion();

    <TController> Multistream<TController> createMultistream(List<? extends ProtocolBinding<TController>> bindings);
}
