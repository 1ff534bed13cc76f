package io.libp2p.core.mux;

import io.libp2p.core.multistream.MultistreamProtocol;
import io.libp2p.core.multistream.ProtocolBinding;
import io.libp2p.mux.yamux.YamuxStreamMuxer;
import java.util.List;

/**
 * Creates a host's muxer. {@code protocols} is the host's live list of application bindings
 * (protocols added later must be served); {@code multistreamProtocol} negotiates stream protocols.
 */
@FunctionalInterface
public interface StreamMuxerProtocol {
    StreamMuxer createMuxer(MultistreamProtocol multistreamProtocol, List<ProtocolBinding<?>> protocols);

    /** /yamux/1.0.0, as {@code StreamMuxerProtocol.getYamux()} in jvm-libp2p. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static StreamMuxerProtocol getYamux() {
        return (multistream, protocols) ->
                new YamuxStreamMuxer(multistream.createMultistream((List) protocols).toStreamHandler(), multistream);
    }
}
