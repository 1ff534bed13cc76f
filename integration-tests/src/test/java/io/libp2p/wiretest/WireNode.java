package io.libp2p.wiretest;

import io.libp2p.multistream.MultistreamNegotiator;
import io.libp2p.mux.yamux.YamuxFrameCodec;
import io.libp2p.mux.yamux.YamuxSession;
import io.libp2p.mux.yamux.YamuxStreamChannel;
import io.libp2p.security.noise.Ed25519Identity;
import io.libp2p.security.noise.NoiseHandshakeHandler;
import io.libp2p.security.noise.NoiseSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A minimal libp2p node built from the wire engines alone (no host API): TCP, multistream-select,
 * Noise (optional, for yamux-only tests), multistream-select again, yamux, and multistream-select
 * per stream. Streams of a served protocol get a fresh handler from its supplier.
 */
public final class WireNode implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    public record Connection(Channel channel, NoiseSession noise, YamuxSession yamux) {
    }

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final Ed25519Identity identity;
    private final boolean secure;
    private final Map<String, Supplier<ChannelHandler>> protocols = new LinkedHashMap<>();
    private final LinkedBlockingQueue<Object> inbound = new LinkedBlockingQueue<>();
    private final List<Channel> channels = new ArrayList<>();
    /** Inbound streams get their initial autoRead from here (flow-control tests turn it off). */
    private volatile boolean inboundAutoRead = true;
    private volatile int maxInboundStreams = YamuxSession.DEFAULT_MAX_INBOUND_STREAMS;

    public WireNode(boolean secure) {
        this.identity = Ed25519Identity.generate();
        this.secure = secure;
    }

    public Ed25519Identity identity() {
        return identity;
    }

    public WireNode serve(String protocol, Supplier<ChannelHandler> handler) {
        protocols.put(protocol, handler);
        return this;
    }

    public void maxInboundStreams(int max) {
        maxInboundStreams = max;
    }

    public void inboundAutoRead(boolean on) {
        inboundAutoRead = on;
    }

    /** Listens on 127.0.0.1 and an ephemeral port; returns the port. */
    public int listen() throws InterruptedException {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    upgrade(ch, false, null).whenComplete((c, e) -> inbound.add(e != null ? e : c));
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        synchronized (channels) {
            channels.add(server);
        }
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The next inbound connection's outcome: a {@link Connection} or the failure. */
    public Object nextInbound() throws InterruptedException {
        return inbound.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public CompletableFuture<Connection> dial(int port, byte[] expectedPeerId) {
        CompletableFuture<Connection> result = new CompletableFuture<>();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    upgrade(ch, true, expectedPeerId).whenComplete((c, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        } else {
                            result.complete(c);
                        }
                    });
                }
            })
            .connect(new InetSocketAddress("127.0.0.1", port))
            .addListener(f -> {
                if (!f.isSuccess()) {
                    result.completeExceptionally(f.cause());
                }
            });
        return result;
    }

    private CompletableFuture<Connection> upgrade(Channel ch, boolean initiator, byte[] expectedPeerId) {
        synchronized (channels) {
            channels.add(ch);
        }
        CompletableFuture<Connection> result = new CompletableFuture<>();
        if (!secure) {
            YamuxSession yamux = muxer(initiator);
            ch.pipeline().addLast(new YamuxFrameCodec(), yamux);
            if (ch.isActive()) {
                result.complete(new Connection(ch, null, yamux));
            } else {
                ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(io.netty.channel.ChannelHandlerContext ctx) {
                        result.complete(new Connection(ch, null, yamux));
                        ctx.pipeline().remove(this);
                        ctx.fireChannelActive();
                    }
                });
            }
            return result;
        }
        MultistreamNegotiator security = initiator
            ? MultistreamNegotiator.initiator(List.of("/noise"), TIMEOUT)
            : MultistreamNegotiator.responder(List.of("/noise"), TIMEOUT);
        security.result().whenComplete((p, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
                return;
            }
            NoiseHandshakeHandler noise = new NoiseHandshakeHandler(initiator, identity, expectedPeerId, List.of(), TIMEOUT);
            noise.result().whenComplete((session, e2) -> {
                if (e2 != null) {
                    result.completeExceptionally(e2);
                    return;
                }
                MultistreamNegotiator mux = initiator
                    ? MultistreamNegotiator.initiator(List.of(YamuxSession.PROTOCOL_ID), TIMEOUT)
                    : MultistreamNegotiator.responder(List.of(YamuxSession.PROTOCOL_ID), TIMEOUT);
                mux.result().whenComplete((m, e3) -> {
                    if (e3 != null) {
                        result.completeExceptionally(e3);
                        return;
                    }
                    YamuxSession yamux = muxer(initiator);
                    ch.pipeline().addLast(new YamuxFrameCodec(), yamux);
                    result.complete(new Connection(ch, session, yamux));
                });
                ch.pipeline().addLast(mux);
            });
            ch.pipeline().addLast(noise);
        });
        ch.pipeline().addLast(security);
        return result;
    }

    private YamuxSession muxer(boolean client) {
        return new YamuxSession(client, stream -> {
            stream.config().setAutoRead(inboundAutoRead);
            MultistreamNegotiator select = MultistreamNegotiator.responder(List.copyOf(protocols.keySet()), TIMEOUT);
            select.result().thenAccept(p -> stream.pipeline().addLast(protocols.get(p).get()));
            stream.pipeline().addLast(select);
        }, maxInboundStreams);
    }

    /** Opens a stream and negotiates {@code protocol} on it; {@code handler} is added once it is agreed. */
    public static CompletableFuture<YamuxStreamChannel> openStream(Connection c, String protocol, ChannelHandler handler) {
        CompletableFuture<YamuxStreamChannel> result = new CompletableFuture<>();
        c.yamux().openStream(stream -> {
            MultistreamNegotiator select = MultistreamNegotiator.initiator(List.of(protocol), TIMEOUT);
            select.result().whenComplete((p, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    stream.pipeline().addLast(handler);
                    result.complete(stream);
                }
            });
            stream.pipeline().addLast(select);
        }).exceptionally(e -> {
            result.completeExceptionally(e);
            return null;
        });
        return result;
    }

    @Override
    public void close() {
        synchronized (channels) {
            for (Channel c : channels) {
                c.close();
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
