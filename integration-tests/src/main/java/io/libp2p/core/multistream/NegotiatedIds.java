package io.libp2p.core.multistream;

import io.libp2p.core.P2PChannel;
import io.libp2p.transport.implementation.P2PChannelOverNetty;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-host extension (jvm-libp2p has no such API): the protocol ids multistream negotiated on a
 * channel, in order. On a connection that is [security, muxer]; the sample node prints them as
 * ground truth for the agent's end-to-end tests.
 */
public final class NegotiatedIds {
    private NegotiatedIds() {
    }

    private static final AttributeKey<List<String>> NEGOTIATED = AttributeKey.newInstance("privacyagent.testhost.negotiated");

    public static List<String> of(P2PChannel ch) {
        if (ch instanceof P2PChannelOverNetty n) {
            List<String> l = n.getNettyChannel().attr(NEGOTIATED).get();
            return l == null ? List.of() : List.copyOf(l);
        }
        return List.of();
    }

    /** Records a protocol agreed on the channel (by multistream, or early inside the security handshake). */
    public static void record(P2PChannel ch, String protocolId) {
        if (ch instanceof P2PChannelOverNetty n) {
            n.getNettyChannel().attr(NEGOTIATED).setIfAbsent(new CopyOnWriteArrayList<>());
            n.getNettyChannel().attr(NEGOTIATED).get().add(protocolId);
        }
    }
}
