package io.libp2p.transport;

import io.libp2p.core.Connection;
import io.libp2p.core.multistream.MultistreamProtocol;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.security.SecureChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Negotiates, over multistream-select, first a secure channel and then a muxer on a raw connection. */
public class ConnectionUpgrader {
    private final MultistreamProtocol secureMultistream;
    private final List<SecureChannel> secureChannels;
    private final MultistreamProtocol muxerMultistream;
    private final List<StreamMuxer> muxers;

    public ConnectionUpgrader(MultistreamProtocol secureMultistream, List<SecureChannel> secureChannels,
            MultistreamProtocol muxerMultistream, List<StreamMuxer> muxers) {
        if (secureChannels.isEmpty()) {
            throw new IllegalArgumentException("at least one secure channel is required");
        }
        if (muxers.isEmpty()) {
            throw new IllegalArgumentException("at least one muxer is required");
        }
        this.secureMultistream = secureMultistream;
        this.secureChannels = List.copyOf(secureChannels);
        this.muxerMultistream = muxerMultistream;
        this.muxers = List.copyOf(muxers);
    }

    public CompletableFuture<SecureChannel.Session> establishSecureChannel(Connection connection) {
        return secureMultistream.createMultistream(secureChannels).initChannel(connection);
    }

    public CompletableFuture<StreamMuxer.Session> establishMuxer(Connection connection) {
        return muxerMultistream.createMultistream(muxers).initChannel(connection);
    }

    public List<SecureChannel> getSecureChannels() {
        return secureChannels;
    }

    public List<StreamMuxer> getMuxers() {
        return muxers;
    }
}
