package io.libp2p.mux.yamux;

import io.libp2p.core.Connection;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.StreamHandler;
import io.libp2p.core.multistream.MultistreamProtocol;
import io.libp2p.core.multistream.ProtocolDescriptor;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.etc.AttributesKt;
import io.libp2p.transport.implementation.P2PChannelOverNetty;
import io.libp2p.transport.implementation.StreamOverNetty;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /yamux/1.0.0} for the host. Installs a {@link YamuxSession} on the secured connection;
 * every stream, inbound or outbound, becomes a {@link StreamOverNetty} over its
 * {@link YamuxStreamChannel} as soon as it exists, before protocol negotiation.
 */
public class YamuxStreamMuxer implements StreamMuxer {
    public static final String FRAME_HANDLER_NAME = "yamux-frames";
    public static final String SESSION_HANDLER_NAME = "yamux";

    private final StreamHandler<?> inboundStreamHandler;
    private final MultistreamProtocol multistreamProtocol;
    private final int maxInboundStreams;

    public YamuxStreamMuxer(StreamHandler<?> inboundStreamHandler, MultistreamProtocol multistreamProtocol) {
        this(inboundStreamHandler, multistreamProtocol, YamuxSession.DEFAULT_MAX_INBOUND_STREAMS);
    }

    public YamuxStreamMuxer(StreamHandler<?> inboundStreamHandler, MultistreamProtocol multistreamProtocol, int maxInboundStreams) {
        this.inboundStreamHandler = inboundStreamHandler;
        this.multistreamProtocol = multistreamProtocol;
        this.maxInboundStreams = maxInboundStreams;
    }

    @Override
    public ProtocolDescriptor getProtocolDescriptor() {
        return new ProtocolDescriptor(YamuxSession.PROTOCOL_ID);
    }

    @Override
    public CompletableFuture<StreamMuxer.Session> initChannel(P2PChannel ch, String selectedProtocol) {
        Channel parent = ((P2PChannelOverNetty) ch).getNettyChannel();
        Connection connection = parent.attr(AttributesKt.getCONNECTION()).get();
        YamuxSession session = new YamuxSession(ch.isInitiator(), child -> {
            StreamOverNetty stream = new StreamOverNetty(child, connection, false);
            inboundStreamHandler.handleStream(stream);
        }, maxInboundStreams);
        ch.pushHandler(FRAME_HANDLER_NAME, new YamuxFrameCodec());
        ch.pushHandler(SESSION_HANDLER_NAME, session);
        return CompletableFuture.completedFuture(new YamuxMuxerSession(session, connection, multistreamProtocol));
    }

    @Override
    public String toString() {
        return "YamuxStreamMuxer";
    }
}
