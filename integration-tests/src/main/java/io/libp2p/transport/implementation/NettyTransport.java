package io.libp2p.transport.implementation;

import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.transport.Transport;
import java.net.InetSocketAddress;

/** A transport built on Netty channels (an interface since jvm-libp2p 1.3.0). */
public interface NettyTransport extends Transport {
    /** The multiaddr of a socket address of this transport (e.g. /ip4/1.2.3.4/tcp/5). */
    Multiaddr toMultiaddr(InetSocketAddress addr);
}
