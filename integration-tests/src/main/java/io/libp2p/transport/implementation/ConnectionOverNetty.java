package io.libp2p.transport.implementation;

import io.libp2p.core.Connection;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.core.transport.Transport;
import io.libp2p.etc.AttributesKt;
import io.netty.channel.Channel;

/**
 * A connection over a Netty socket channel. It exists before TCP connects (a failed dial completes
 * its closeFuture); the sessions are set by the upgrader, security first.
 */
public class ConnectionOverNetty extends P2PChannelOverNetty implements Connection {
    private final NettyTransport transport;
    private volatile SecureChannel.Session secureSession;
    private volatile StreamMuxer.Session muxerSession;
    /** Addresses are cached once known (as jvm-libp2p does since 1.3.3) so they stay readable after close. */
    private volatile Multiaddr localAddress;
    private volatile Multiaddr remoteAddress;

    public ConnectionOverNetty(Channel ch, NettyTransport transport, boolean initiator) {
        super(ch, initiator);
        this.transport = transport;
        ch.attr(AttributesKt.getCONNECTION()).set(this);
    }

    public final void setSecureSession(SecureChannel.Session secureSession) {
        this.secureSession = secureSession;
    }

    public final void setMuxerSession(StreamMuxer.Session muxerSession) {
        this.muxerSession = muxerSession;
    }

    @Override
    public StreamMuxer.Session muxerSession() {
        StreamMuxer.Session s = muxerSession;
        if (s == null) {
            throw new kotlin.UninitializedPropertyAccessException("lateinit property muxerSession has not been initialized");
        }
        return s;
    }

    @Override
    public SecureChannel.Session secureSession() {
        SecureChannel.Session s = secureSession;
        if (s == null) {
            throw new kotlin.UninitializedPropertyAccessException("lateinit property secureSession has not been initialized");
        }
        return s;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public Multiaddr localAddress() {
        Multiaddr a = localAddress;
        if (a == null) {
            a = transport.localAddress(getNettyChannel());
            localAddress = a;
        }
        return a;
    }

    @Override
    public Multiaddr remoteAddress() {
        Multiaddr a = remoteAddress;
        if (a == null) {
            a = transport.remoteAddress(getNettyChannel());
            remoteAddress = a;
        }
        return a;
    }

    @Override
    public String toString() {
        return "ConnectionOverNetty(" + getNettyChannel() + ")";
    }
}
