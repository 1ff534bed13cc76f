package io.libp2p.protocol;

import io.libp2p.core.multistream.StrictProtocolBinding;

/** Binds {@link IdentifyProtocol} to /ipfs/id/1.0.0. */
public class IdentifyBinding extends StrictProtocolBinding<IdentifyController> {
    public static final String PROTOCOL_ID = "/ipfs/id/1.0.0";
    private final IdentifyProtocol identifyProtocol;

    public IdentifyBinding(IdentifyProtocol protocol) {
        super(PROTOCOL_ID, protocol);
        this.identifyProtocol = protocol;
    }

    public IdentifyProtocol getIdentifyProtocol() {
        return identifyProtocol;
    }
}
