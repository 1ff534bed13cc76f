package io.libp2p.transport.implementation;

import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.transport.Transport;
import io.netty.channel.Channel;

/**
 * A transport built on Netty channels (an interface since jvm-libp2p 1.3.0). A connection asks its
 * transport for its addresses because only the transport knows what its channel's socket is: a TCP
 * socket, or the UDP socket under a QUIC connection.
 */
public interface NettyTransport extends Transport {
    /** The multiaddr of the channel's local end; throws while the channel has no address yet. */
    Multiaddr localAddress(Channel nettyChannel);

    /** The multiaddr of the channel's remote end; throws while the channel has no address yet. */
    Multiaddr remoteAddress(Channel nettyChannel);
}
