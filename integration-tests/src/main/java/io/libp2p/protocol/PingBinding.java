package io.libp2p.protocol;

import io.libp2p.core.multistream.StrictProtocolBinding;

/** Binds {@link PingProtocol} to /ipfs/ping/1.0.0. */
public class PingBinding extends StrictProtocolBinding<PingController> {
    public static final String PROTOCOL_ID = "/ipfs/ping/1.0.0";

    public PingBinding(PingProtocol ping) {
        super(PROTOCOL_ID, ping);
    }
}
