package io.libp2p.core.multistream;

import io.libp2p.core.P2PChannel;
import io.libp2p.transport.implementation.P2PChannelOverNetty;
import java.util.List;

/**
 * Test-host extension (jvm-libp2p has no such API): the protocol ids multistream negotiated on a
 * channel, in order. On a connection that is [security, muxer]; the sample node prints them as
 * ground truth for the agent's end-to-end tests.
 */
public final class NegotiatedIds {
    private NegotiatedIds() {
    }

    public static List<String> of(P2PChannel ch) {
        if (ch instanceof P2PChannelOverNetty n) {
            List<String> l = n.getNettyChannel().attr(NegotiatingMultistream.NEGOTIATED).get();
            return l == null ? List.of() : List.copyOf(l);
        }
        return List.of();
    }
}
