package io.libp2p.etc;

import io.libp2p.core.Connection;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.PeerId;
import io.libp2p.core.Stream;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.CompletableFuture;

/** The Netty channel attributes that tie Netty channels to libp2p objects. */
public final class AttributesKt {
    private static final AttributeKey<Stream> STREAM = AttributeKey.newInstance("LIBP2P_STREAM");
    private static final AttributeKey<Connection> CONNECTION = AttributeKey.newInstance("LIBP2P_CONNECTION");
    private static final AttributeKey<CompletableFuture<String>> PROTOCOL = AttributeKey.newInstance("LIBP2P_PROTOCOL");
    private static final AttributeKey<PeerId> REMOTE_PEER_ID = AttributeKey.newInstance("LIBP2P_REMOTE_PEER_ID");

    private AttributesKt() {
    }

    public static AttributeKey<Stream> getSTREAM() {
        return STREAM;
    }

    public static AttributeKey<Connection> getCONNECTION() {
        return CONNECTION;
    }

    /** On a stream channel: completes with the negotiated protocol id. */
    public static AttributeKey<CompletableFuture<String>> getPROTOCOL() {
        return PROTOCOL;
    }

    /** On a dialed connection channel: the peer id the dialer expects (checked by the secure channel). */
    public static AttributeKey<PeerId> getREMOTE_PEER_ID() {
        return REMOTE_PEER_ID;
    }

    /** The stream of a stream channel, else the connection of a connection channel. */
    public static P2PChannel getP2PChannel(Channel channel) {
        if (channel.hasAttr(STREAM)) {
            Stream s = channel.attr(STREAM).get();
            if (s != null) {
                return s;
            }
        }
        return channel.attr(CONNECTION).get();
    }
}
