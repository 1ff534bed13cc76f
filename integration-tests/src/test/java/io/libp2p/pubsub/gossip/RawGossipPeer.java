package io.libp2p.pubsub.gossip;

import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.P2PChannel;
import io.libp2p.core.Stream;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multistream.ProtocolBinding;
import io.libp2p.core.multistream.ProtocolDescriptor;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.protocol.BoundedVarintFrameDecoder;
import io.libp2p.security.noise.NoiseXXSecureChannel;
import io.libp2p.transport.tcp.TcpTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import pubsub.pb.Rpc;

/**
 * A misbehaving gossip peer: a real host whose /meshsub/1.2.0 binding writes whatever bytes a test
 * wants on its outbound stream and records every RPC the victim sends it.
 */
final class RawGossipPeer implements AutoCloseable {
    final Host host;
    final ConcurrentLinkedQueue<Rpc.RPC> received = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Stream> inboundFromVictim = new CompletableFuture<>();
    private Stream out;

    private final ProtocolBinding<kotlin.Unit> binding = new ProtocolBinding<>() {
        private final ProtocolDescriptor d = new ProtocolDescriptor("/meshsub/1.2.0");

        @Override
        public ProtocolDescriptor getProtocolDescriptor() {
            return d;
        }

        @Override
        public CompletableFuture<kotlin.Unit> initChannel(P2PChannel ch, String selectedProtocol) {
            if (!ch.isInitiator()) {
                ch.pushHandler(new BoundedVarintFrameDecoder(1 << 22));
                ch.pushHandler(new ProtobufDecoder(Rpc.RPC.getDefaultInstance()));
                ch.pushHandler(new SimpleChannelInboundHandler<Rpc.RPC>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, Rpc.RPC msg) {
                        received.add(msg);
                    }
                });
                inboundFromVictim.complete((Stream) ch);
            }
            return CompletableFuture.completedFuture(kotlin.Unit.INSTANCE);
        }
    };

    RawGossipPeer() throws Exception {
        host = new HostBuilder().transport(TcpTransport::new).secureChannel(NoiseXXSecureChannel::new)
                .muxer(StreamMuxerProtocol::getYamux).protocol(binding).listen("/ip4/127.0.0.1/tcp/0").build();
        host.start().get(10, TimeUnit.SECONDS);
    }

    /** Connects to the victim and opens our gossip stream (the victim opens its own at once). */
    void connect(Multiaddr victim) throws Exception {
        Connection c = host.getNetwork().connect(victim).get(10, TimeUnit.SECONDS);
        out = host.newStream(List.of("/meshsub/1.2.0"), c).getStream().get(10, TimeUnit.SECONDS);
        out.getProtocol().get(10, TimeUnit.SECONDS); // negotiated: what we write now is gossip
        inboundFromVictim.get(10, TimeUnit.SECONDS);
    }

    boolean outOpen() {
        return out != null && !out.closeFuture().isDone();
    }

    CompletableFuture<kotlin.Unit> outClosed() {
        return out.closeFuture();
    }

    /** One length-prefixed frame with {@code body}. */
    void frame(byte[] body) {
        ByteBuf b = Unpooled.buffer(body.length + 5);
        writeVarint(b, body.length);
        b.writeBytes(body);
        out.writeAndFlush(b);
    }

    /** A length prefix announcing {@code declared} bytes, then {@code actual} bytes of body. */
    void rawPrefix(long declared, int actual) {
        ByteBuf b = Unpooled.buffer(actual + 10);
        writeVarint(b, declared);
        b.writeZero(actual);
        out.writeAndFlush(b);
    }

    void send(Rpc.RPC rpc) {
        frame(rpc.toByteArray());
    }

    static void writeVarint(ByteBuf b, long v) {
        while ((v & ~0x7fL) != 0) {
            b.writeByte((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        b.writeByte((int) v);
    }

    static Rpc.RPC subscribe(String... topics) {
        Rpc.RPC.Builder r = Rpc.RPC.newBuilder();
        for (String t : topics) {
            r.addSubscriptions(Rpc.RPC.SubOpts.newBuilder().setSubscribe(true).setTopicid(t));
        }
        return r.build();
    }

    static Rpc.RPC control(Rpc.ControlMessage.Builder c) {
        return Rpc.RPC.newBuilder().setControl(c).build();
    }

    @Override
    public void close() throws Exception {
        host.stop().get(10, TimeUnit.SECONDS);
    }
}
