package io.libp2p.core;

import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.core.transport.Transport;

/** An upgraded (secured and multiplexed) connection to a remote peer. */
public interface Connection extends P2PChannel {
    /** Throws until the muxer is negotiated. */
    StreamMuxer.Session muxerSession();

    /** Throws until the secure channel is negotiated. */
    SecureChannel.Session secureSession();

    Transport transport();

    Multiaddr localAddress();

    Multiaddr remoteAddress();
}
