package io.libp2p.transport.tcp;

import io.libp2p.core.ChannelVisitor;
import io.libp2p.core.Connection;
import io.libp2p.core.ConnectionClosedException;
import io.libp2p.core.ConnectionHandler;
import io.libp2p.core.Libp2pException;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.PeerId;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multiformats.MultiaddrComponent;
import io.libp2p.core.multiformats.Protocol;
import io.libp2p.core.multistream.NegotiatedIds;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.etc.AttributesKt;
import io.libp2p.transport.ConnectionUpgrader;
import io.libp2p.transport.implementation.ConnectionOverNetty;
import io.libp2p.transport.implementation.Listeners;
import io.libp2p.transport.implementation.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TCP on Netty NIO. Every raw connection becomes a {@link ConnectionOverNetty} as soon as its channel
 * is registered (before TCP connects), is upgraded by the {@link ConnectionUpgrader} (security, then
 * muxer) and only then handed to the connection handler. An upgrade that does not finish within the
 * upgrade timeout closes the connection.
 */
public class TcpTransport implements NettyTransport {
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final ConnectionUpgrader upgrader;
    /** Server channel -> the address it was asked to listen on (several may share a /tcp/0 request). */
    private final Listeners listeners = new Listeners(this::toMultiaddr);
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final int instance = INSTANCES.incrementAndGet();
    private volatile EventLoopGroup bossGroup;
    private volatile EventLoopGroup workerGroup;
    private volatile boolean closed;
    private volatile Duration connectTimeout = Duration.ofSeconds(10);
    private volatile Duration upgradeTimeout = Duration.ofSeconds(15);

    public TcpTransport(ConnectionUpgrader upgrader) {
        this.upgrader = upgrader;
    }

    public ConnectionUpgrader getUpgrader() {
        return upgrader;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Bounds security plus muxer negotiation; a peer that stalls mid-handshake is dropped after it. */
    public void setUpgradeTimeout(Duration upgradeTimeout) {
        this.upgradeTimeout = upgradeTimeout;
    }

    @Override
    public synchronized void initialize() {
        if (workerGroup == null) {
            bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("libp2p-tcp" + instance + "-boss", true));
            workerGroup = new NioEventLoopGroup(2, new DefaultThreadFactory("libp2p-tcp" + instance + "-io", true));
        }
    }

    @Override
    public int getActiveListeners() {
        return listeners.size();
    }

    @Override
    public int getActiveConnections() {
        return channels.size();
    }

    @Override
    public List<Multiaddr> listenAddresses() {
        return listeners.boundAddresses();
    }

    @Override
    public boolean handles(Multiaddr addr) {
        return addr.hasAny(Protocol.IP4, Protocol.IP6, Protocol.DNS, Protocol.DNS4, Protocol.DNS6)
                && addr.has(Protocol.TCP)
                && !addr.hasAny(Protocol.WS, Protocol.WSS, Protocol.QUIC, Protocol.QUICV1, Protocol.P2PCIRCUIT);
    }

    @Override
    public Multiaddr localAddress(Channel nettyChannel) {
        return toMultiaddr(socketAddress(nettyChannel.localAddress(), "local"));
    }

    @Override
    public Multiaddr remoteAddress(Channel nettyChannel) {
        return toMultiaddr(socketAddress(nettyChannel.remoteAddress(), "remote"));
    }

    private static InetSocketAddress socketAddress(java.net.SocketAddress a, String which) {
        if (!(a instanceof InetSocketAddress isa)) {
            throw new IllegalStateException("Connection has no " + which + " address yet");
        }
        return isa;
    }

    public Multiaddr toMultiaddr(InetSocketAddress addr) {
        Protocol ip = addr.getAddress() instanceof Inet4Address ? Protocol.IP4 : Protocol.IP6;
        return new Multiaddr(List.of(new MultiaddrComponent(ip, addr.getAddress().getAddress()),
                new MultiaddrComponent(Protocol.TCP, Protocol.TCP.addressToBytes(Integer.toString(addr.getPort())))));
    }

    private static InetSocketAddress fromMultiaddr(Multiaddr addr) {
        MultiaddrComponent host = addr.getComponents().get(0);
        MultiaddrComponent port = addr.getFirstComponent(Protocol.TCP);
        if (port == null) {
            throw new Libp2pException("No /tcp component in " + addr);
        }
        return new InetSocketAddress(host.getStringValue(), Integer.parseInt(port.getStringValue()));
    }

    private void checkOpen() {
        if (closed) {
            throw new Libp2pException("Transport is closed");
        }
        initialize();
    }

    @Override
    public CompletableFuture<kotlin.Unit> listen(Multiaddr addr, ConnectionHandler connHandler,
            ChannelVisitor<P2PChannel> preHandler) {
        checkOpen();
        ServerBootstrap b = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        ConnectionOverNetty conn = new ConnectionOverNetty(ch, TcpTransport.this, false);
                        preHandler.visit(conn);
                        upgrade(conn, ch, connHandler);
                    }
                });
        ChannelFuture bind = b.bind(fromMultiaddr(addr));
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
        InetSocketAddress remote = fromMultiaddr(addr);
        PeerId expected = addr.getPeerId();
        CompletableFuture<Connection> result = new CompletableFuture<>();
        // A refused connect closes the channel too, and the close may be seen first: a failed
        // upgrade waits for the connect outcome so that the dial fails with the connect's cause.
        CompletableFuture<Throwable> connectFailure = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(workerGroup)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        channels.add(ch);
                        if (expected != null) {
                            ch.attr(AttributesKt.getREMOTE_PEER_ID()).set(expected);
                        }
                        ConnectionOverNetty conn = new ConnectionOverNetty(ch, TcpTransport.this, true);
                        preHandler.visit(conn);
                        upgrade(conn, ch, connHandler).whenComplete((c, t) -> {
                            if (t != null) {
                                connectFailure.thenAccept(cause -> result.completeExceptionally(cause != null ? cause : t));
                            } else {
                                result.complete(c);
                            }
                        });
                    }
                });
        b.connect(remote).addListener(f -> {
            connectFailure.complete(f.isSuccess() ? null : f.cause());
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    private CompletableFuture<Connection> upgrade(ConnectionOverNetty conn, Channel ch, ConnectionHandler handler) {
        CompletableFuture<Connection> res = new CompletableFuture<>();
        long timeoutMs = upgradeTimeout.toMillis();
        io.netty.util.concurrent.ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> {
            if (res.completeExceptionally(new Libp2pException("Connection upgrade timed out after " + timeoutMs + " ms"))) {
                ch.close();
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        ch.closeFuture().addListener(f -> res.completeExceptionally(
                new ConnectionClosedException("Connection closed before the upgrade finished")));
        upgrader.establishSecureChannel(conn)
                .thenCompose(session -> {
                    conn.setSecureSession(session);
                    if (session.getEarlyMuxer() != null) {
                        NegotiatedIds.record(conn, session.getEarlyMuxer().getProtocol());
                        @SuppressWarnings("unchecked")
                        CompletableFuture<StreamMuxer.Session> early =
                                (CompletableFuture<StreamMuxer.Session>) session.getEarlyMuxer().initChannel(conn);
                        return early;
                    }
                    return upgrader.establishMuxer(conn);
                })
                .thenApply(muxerSession -> {
                    conn.setMuxerSession(muxerSession);
                    conn.localAddress(); // cache both while the socket is open
                    conn.remoteAddress();
                    handler.handleConnection(conn);
                    return (Connection) conn;
                })
                .whenComplete((c, t) -> {
                    timer.cancel(false);
                    if (t != null) {
                        res.completeExceptionally(unwrap(t));
                        ch.close();
                    } else if (!res.complete(c)) {
                        ch.close();
                    }
                });
        return res;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable x = t;
        while ((x instanceof CompletionException || x instanceof ExecutionException) && x.getCause() != null) {
            x = x.getCause();
        }
        return x;
    }

    @Override
    public CompletableFuture<kotlin.Unit> close() {
        closed = true;
        CompletableFuture<kotlin.Unit> done = new CompletableFuture<>();
        listeners.closeAll();
        channels.close().addListener(f -> {
            EventLoopGroup boss;
            EventLoopGroup workers;
            synchronized (this) {
                boss = bossGroup;
                workers = workerGroup;
            }
            if (workers == null) {
                done.complete(kotlin.Unit.INSTANCE);
                return;
            }
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(x -> done.complete(kotlin.Unit.INSTANCE));
        });
        return done;
    }
}
