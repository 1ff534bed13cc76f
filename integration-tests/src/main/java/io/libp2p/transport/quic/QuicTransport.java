package io.libp2p.transport.quic;

import io.libp2p.core.ChannelVisitor;
import io.libp2p.core.Connection;
import io.libp2p.core.ConnectionHandler;
import io.libp2p.core.Libp2pException;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.PeerId;
import io.libp2p.core.StreamPromise;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multiformats.MultiaddrComponent;
import io.libp2p.core.multiformats.Protocol;
import io.libp2p.core.multistream.MultistreamProtocol;
import io.libp2p.core.multistream.MultistreamProtocolV1;
import io.libp2p.core.multistream.ProtocolBinding;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.etc.AttributesKt;
import io.libp2p.security.tls.Libp2pTrustManager;
import io.libp2p.transport.implementation.ConnectionOverNetty;
import io.libp2p.transport.implementation.Listeners;
import io.libp2p.transport.implementation.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * QUIC v1 (RFC 9000, {@code /udp/N/quic-v1}) on Netty's native QUIC codec. Security and stream
 * multiplexing are QUIC's own: the TLS 1.3 handshake inside QUIC carries the libp2p certificate (ALPN
 * {@code libp2p}), and each native bidirectional stream is a libp2p stream whose protocol alone is
 * negotiated by multistream-select. So a QUIC connection never passes the connection upgrader: the
 * transport sets the connection's muxer session (at once) and its secure session (when the handshake
 * has verified the peer's certificate) itself, then hands the connection to the handler. The older
 * draft-29 {@code /quic} is a different protocol and not handled.
 *
 * <p>Each dial binds its own UDP socket on the wildcard address (so a dialer's local address reads
 * {@code /ip6/0:0:0:0:0:0:0:0/udp/N/quic-v1}), closed with its connection.
 */
public final class QuicTransport implements NettyTransport {
    public static final Companion Companion = new Companion();
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final PrivKey localKey;
    private final String certAlgorithm;
    private final List<? extends ProtocolBinding<?>> protocols;
    private final QuicConfig config;
    private final MultistreamProtocol multistreamProtocol = MultistreamProtocolV1.INSTANCE;
    /** UDP channel -> the address it was asked to listen on (several may share a /udp/0 request). */
    private final Listeners listeners = new Listeners(this::toMultiaddr);
    /** QUIC connections, both directions. */
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final int instance = INSTANCES.incrementAndGet();
    private final QuicTlsIdentity tlsIdentity;
    private volatile EventLoopGroup group;
    private volatile boolean closed;

    public QuicTransport(PrivKey localKey, String certAlgorithm, List<? extends ProtocolBinding<?>> protocols,
            QuicConfig config) {
        this.localKey = localKey;
        this.certAlgorithm = certAlgorithm;
        this.protocols = protocols;
        this.config = config;
        this.tlsIdentity = new QuicTlsIdentity(localKey, certAlgorithm);
    }

    public static QuicTransport Ed25519(PrivKey k, List<? extends ProtocolBinding<?>> p, QuicConfig config) {
        return new QuicTransport(k, "Ed25519", p, config);
    }

    public static QuicTransport Ed25519(PrivKey k, List<? extends ProtocolBinding<?>> p) {
        return Ed25519(k, p, new QuicConfig());
    }

    public static QuicTransport ECDSA(PrivKey k, List<? extends ProtocolBinding<?>> p, QuicConfig config) {
        return new QuicTransport(k, "ECDSA", p, config);
    }

    public static QuicTransport ECDSA(PrivKey k, List<? extends ProtocolBinding<?>> p) {
        return ECDSA(k, p, new QuicConfig());
    }

    public String getCertAlgorithm() {
        return certAlgorithm;
    }

    public QuicConfig getConfig() {
        return config;
    }

    /** Nothing to do: the event loops start with the first listen or dial (a host may never use QUIC). */
    @Override
    public void initialize() {
    }

    private synchronized EventLoopGroup group() {
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(2,
                    new DefaultThreadFactory("libp2p-quic" + instance, true), NioIoHandler.newFactory());
        }
        return group;
    }

    @Override
    public int getActiveListeners() {
        return listeners.size();
    }

    @Override
    public int getActiveConnections() {
        return connections.size();
    }

    @Override
    public List<Multiaddr> listenAddresses() {
        return listeners.boundAddresses();
    }

    @Override
    public boolean handles(Multiaddr addr) {
        return addr.hasAny(Protocol.IP4, Protocol.IP6, Protocol.DNS4, Protocol.DNS6, Protocol.DNSADDR)
                && addr.has(Protocol.UDP) && addr.has(Protocol.QUICV1) && !addr.has(Protocol.WS);
    }

    private void checkOpen() {
        if (closed) {
            throw new Libp2pException("Transport is closed");
        }
    }

    @Override
    public CompletableFuture<kotlin.Unit> listen(Multiaddr addr, ConnectionHandler connHandler,
            ChannelVisitor<P2PChannel> preHandler) {
        checkOpen();
        ChannelFuture bind = new Bootstrap().group(group()).channel(NioDatagramChannel.class)
                .handler(serverTransportBuilder(connHandler, preHandler))
                .bind(fromMultiaddr(addr));
        return listeners.add(bind, addr);
    }

    @Override
    public CompletableFuture<kotlin.Unit> unlisten(Multiaddr addr) {
        return listeners.unlisten(addr);
    }

    @Override
    public CompletableFuture<Connection> dial(Multiaddr addr, ConnectionHandler connHandler,
            ChannelVisitor<P2PChannel> preHandler) {
        checkOpen();
        InetSocketAddress remote = (InetSocketAddress) fromMultiaddr(addr);
        PeerId expected = addr.getPeerId();
        QuicSslContext ssl = quicSslContext(true, new Libp2pTrustManager(Optional.ofNullable(expected)));
        CompletableFuture<Connection> result = new CompletableFuture<>();
        ChannelFuture bind = new Bootstrap().group(group()).channel(NioDatagramChannel.class)
                .handler(QuicCodecSettings.client(config, ssl, group()))
                .bind(new InetSocketAddress(0));
        Channel udp = bind.channel();
        result.whenComplete((c, t) -> {
            if (t != null) {
                udp.close();
            }
        });
        bind.addListener(b -> {
            if (!b.isSuccess()) {
                result.completeExceptionally(b.cause());
                return;
            }
            QuicChannel.newBootstrap(udp)
                    .streamOption(io.netty.channel.ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .streamHandler(new InboundStreamHandler(multistreamProtocol, protocols))
                    .remoteAddress(remote)
                    .connect()
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            result.completeExceptionally(f.cause());
                            return;
                        }
                        QuicChannel quic = (QuicChannel) f.getNow();
                        quic.closeFuture().addListener(x -> udp.close());
                        if (result.isDone()) { // timed out meanwhile (the timer runs on this event loop too)
                            quic.close();
                            return;
                        }
                        try {
                            result.complete(established(quic, true, expected, connHandler, preHandler));
                        } catch (RuntimeException e) {
                            quic.close();
                            result.completeExceptionally(e);
                        }
                    });
        });
        long timeoutMs = config.getConnectTimeout().toMillis();
        udp.eventLoop().schedule(() -> {
            result.completeExceptionally(new Libp2pException("QUIC dial to " + addr + " timed out after " + timeoutMs + " ms"));
        }, timeoutMs, TimeUnit.MILLISECONDS);
        return result;
    }

    /**
     * The handshake is done: the connection gets its sessions (the peer id read from the verified
     * certificate), then the pre-handler and the connection handler see it.
     */
    private ConnectionOverNetty established(QuicChannel quic, boolean initiator, PeerId expected,
            ConnectionHandler connHandler, ChannelVisitor<P2PChannel> preHandler) {
        ConnectionOverNetty conn = connection(quic, initiator);
        conn.setSecureSession(tlsIdentity.session(quic, expected));
        conn.localAddress(); // cache both while the socket is open
        conn.remoteAddress();
        preHandler.visit(conn);
        connHandler.handleConnection(conn);
        return conn;
    }

    /** The connection of a QUIC channel, created once, with its muxer session (QUIC's native streams). */
    private ConnectionOverNetty connection(QuicChannel quic, boolean initiator) {
        Connection existing = quic.attr(AttributesKt.getCONNECTION()).get();
        if (existing instanceof ConnectionOverNetty c) {
            return c;
        }
        if (closed) {
            quic.close();
            throw new Libp2pException("Transport is closed");
        }
        connections.add(quic);
        ConnectionOverNetty conn = new ConnectionOverNetty(quic, this, initiator);
        conn.setMuxerSession(new QuicMuxerSession(quic, conn));
        return conn;
    }

    /** The TLS context of one side: this host's libp2p certificate, ALPN "libp2p", the peer checked by {@code trustManager}. */
    public QuicSslContext quicSslContext(boolean isClient, Libp2pTrustManager trustManager) {
        return tlsIdentity.sslContext(isClient, trustManager);
    }

    /** The handler of a listening UDP channel: QUIC's server codec, handing over each verified connection. */
    public ChannelHandler serverTransportBuilder(ConnectionHandler connHandler, ChannelVisitor<P2PChannel> preHandler) {
        QuicSslContext ssl = quicSslContext(false, new Libp2pTrustManager(Optional.empty()));
        ChannelHandler onConnection = new ChannelInitializer<QuicChannel>() {
            @Override
            protected void initChannel(QuicChannel quic) {
                connection(quic, false);
                quic.pipeline().addFirst("quic-handshake-waiter", new HandshakeWaiter(connHandler, preHandler));
            }
        };
        return QuicCodecSettings.server(config, ssl, group(), onConnection,
                new InboundStreamHandler(multistreamProtocol, protocols));
    }

    /** Server side: a QUIC channel becomes active when its handshake (client certificate included) succeeded. */
    private final class HandshakeWaiter extends ChannelInboundHandlerAdapter {
        private final ConnectionHandler connHandler;
        private final ChannelVisitor<P2PChannel> preHandler;

        HandshakeWaiter(ConnectionHandler connHandler, ChannelVisitor<P2PChannel> preHandler) {
            this.connHandler = connHandler;
            this.preHandler = preHandler;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            ctx.pipeline().remove(this);
            try {
                established((QuicChannel) ctx.channel(), false, null, connHandler, preHandler);
            } catch (RuntimeException e) {
                ctx.close();
                return;
            }
            super.channelActive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a failed handshake: the peer sees the close, nothing reaches the host
        }
    }

    public int udpPortFromMultiaddr(Multiaddr addr) {
        MultiaddrComponent udp = addr.getFirstComponent(Protocol.UDP);
        if (udp == null) {
            throw new Libp2pException("Missing UDP in multiaddress " + addr);
        }
        return Integer.parseInt(udp.getStringValue());
    }

    public SocketAddress fromMultiaddr(Multiaddr addr) {
        for (MultiaddrComponent c : addr.getComponents()) {
            switch (c.getProtocol()) {
                case IP4, IP6, DNS4, DNS6, DNSADDR -> {
                    return new InetSocketAddress(c.getStringValue(), udpPortFromMultiaddr(addr));
                }
                default -> { }
            }
        }
        throw new Libp2pException("Missing IP4/IP6 in multiaddress " + addr);
    }

    @Override
    public Multiaddr localAddress(Channel nettyChannel) {
        return toMultiaddr(socketAddress(((QuicChannel) nettyChannel).localSocketAddress(), "local"));
    }

    @Override
    public Multiaddr remoteAddress(Channel nettyChannel) {
        return toMultiaddr(socketAddress(((QuicChannel) nettyChannel).remoteSocketAddress(), "remote"));
    }

    private static SocketAddress socketAddress(SocketAddress a, String which) {
        if (a == null) {
            throw new IllegalStateException("QUIC connection has no " + which + " address yet");
        }
        return a;
    }

    /** {@code /ip4|ip6/<address>/udp/<port>/quic-v1}. */
    public Multiaddr toMultiaddr(SocketAddress addr) {
        InetSocketAddress isa = (InetSocketAddress) addr;
        Protocol ip = isa.getAddress() instanceof Inet4Address ? Protocol.IP4 : Protocol.IP6;
        return new Multiaddr(List.of(new MultiaddrComponent(ip, isa.getAddress().getAddress()),
                new MultiaddrComponent(Protocol.UDP, Protocol.UDP.addressToBytes(Integer.toString(isa.getPort()))),
                new MultiaddrComponent(Protocol.QUICV1, null)));
    }

    @Override
    public CompletableFuture<kotlin.Unit> close() {
        closed = true;
        CompletableFuture<kotlin.Unit> done = new CompletableFuture<>();
        listeners.closeAll();
        connections.close().addListener(f -> {
            EventLoopGroup g;
            synchronized (this) {
                g = group;
            }
            if (g == null) {
                done.complete(kotlin.Unit.INSTANCE);
                return;
            }
            g.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(x -> done.complete(kotlin.Unit.INSTANCE));
        });
        return done;
    }

    @Override
    public String toString() {
        return "QuicTransport(" + certAlgorithm + ")";
    }

    /** Kotlin's companion of the factories, as Java callers of jvm-libp2p also see it. */
    public static final class Companion {
        private Companion() {
        }

        public QuicTransport Ed25519(PrivKey k, List<? extends ProtocolBinding<?>> p, QuicConfig config) {
            return QuicTransport.Ed25519(k, p, config);
        }

        public QuicTransport Ed25519(PrivKey k, List<? extends ProtocolBinding<?>> p) {
            return QuicTransport.Ed25519(k, p);
        }

        public QuicTransport ECDSA(PrivKey k, List<? extends ProtocolBinding<?>> p, QuicConfig config) {
            return QuicTransport.ECDSA(k, p, config);
        }

        public QuicTransport ECDSA(PrivKey k, List<? extends ProtocolBinding<?>> p) {
            return QuicTransport.ECDSA(k, p);
        }
    }

    /** Opens native bidirectional QUIC streams; multistream-select negotiates each one's protocol. */
    public static final class QuicMuxerSession implements StreamMuxer.Session {
        private final QuicChannel ch;
        private final Connection connection;

        public QuicMuxerSession(QuicChannel ch, Connection connection) {
            this.ch = ch;
            this.connection = connection;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <T> StreamPromise<T> createStream(List<? extends ProtocolBinding<? extends T>> protocols) {
            CompletableFuture<io.libp2p.core.Stream> stream = new CompletableFuture<>();
            CompletableFuture<T> controller = new CompletableFuture<>();
            ch.createStream(QuicStreamType.BIDIRECTIONAL, new ChannelInitializer<QuicStreamChannel>() {
                @Override
                protected void initChannel(QuicStreamChannel child) {
                    QuicStream s = new QuicStream(child, connection, true);
                    stream.complete(s);
                    CompletableFuture<T> negotiated =
                            MultistreamProtocolV1.INSTANCE.createMultistream((List) protocols).initChannel(s);
                    negotiated.whenComplete((c, e) -> {
                        if (e != null) {
                            controller.completeExceptionally(e);
                        } else {
                            controller.complete(c);
                        }
                    });
                }
            }).addListener(f -> {
                if (!f.isSuccess()) {
                    stream.completeExceptionally(f.cause());
                    controller.completeExceptionally(f.cause());
                }
            });
            return new StreamPromise<>(stream, controller);
        }

        @Override
        public String toString() {
            return "QuicMuxerSession[" + connection + "]";
        }
    }

    /** Each stream the peer opens: a {@link QuicStream} of the connection, its protocol negotiated as responder. */
    public static final class InboundStreamHandler extends ChannelInitializer<QuicStreamChannel> {
        private final MultistreamProtocol handler;
        private final List<? extends ProtocolBinding<?>> protocols;

        public InboundStreamHandler(MultistreamProtocol handler, List<? extends ProtocolBinding<?>> protocols) {
            this.handler = handler;
            this.protocols = protocols;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected void initChannel(QuicStreamChannel ch) {
            Connection connection = ch.parent().attr(AttributesKt.getCONNECTION()).get();
            if (connection == null) {
                ch.close(); // not yet a libp2p connection (handshake unfinished): nothing may use it
                return;
            }
            QuicStream stream = new QuicStream(ch, connection, false);
            handler.createMultistream((List) protocols).toStreamHandler().handleStream(stream);
        }
    }
}
