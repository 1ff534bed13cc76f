package io.libp2p.protocol;

import identify.pb.IdentifyOuterClass;

/** The identify binding; without a message the host builder fills in its own. */
public class Identify extends IdentifyBinding {
    public Identify(IdentifyOuterClass.Identify idMessage) {
        super(new IdentifyProtocol(idMessage));
    }

    public Identify() {
        this(null);
    }
}
