package io.libp2p.core.dsl;

import io.libp2p.core.multistream.ProtocolBinding;
import java.util.ArrayList;

/** The protocols of a {@link Builder} (a mutable list, as jvm-libp2p's). */
public class ProtocolsBuilder extends ArrayList<ProtocolBinding<?>> {
    private static final long serialVersionUID = 1L;
}
