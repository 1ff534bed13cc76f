package io.libp2p.mux.yamux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.libp2p.wiretest.Echo;
import io.libp2p.wiretest.WireNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class YamuxSessionTest {
    private final List<WireNode> nodes = new ArrayList<>();
    private final LinkedBlockingQueue<Channel> serverStreams = new LinkedBlockingQueue<>();

    @AfterEach
    void tearDown() {
        nodes.forEach(WireNode::close);
    }

    private WireNode node(boolean secure) {
        WireNode n = new WireNode(secure);
        nodes.add(n);
        return n;
    }

    /** A server-side handler that records its stream, then does what {@code inner} does. */
    private ChannelInboundHandlerAdapter recording(ChannelInboundHandlerAdapter inner) {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                serverStreams.add(ctx.channel());
                ctx.pipeline().addAfter(ctx.name(), null, inner);
            }
        };
    }

    @Test
    void hundredConcurrentStreamsEchoOverNoise() throws Exception {
        WireNode server = node(true).serve(Echo.PROTOCOL, Echo.Server::new);
        WireNode client = node(true);
        int port = server.listen();
        WireNode.Connection c = client.dial(port, server.identity().peerId()).get(10, TimeUnit.SECONDS);

        // every tenth stream is larger than the 256 KiB window, so window updates must flow
        Echo.assertConcurrentEchoes(c, new Random(7), 100, i -> i % 10 == 0 ? 600_000 : 20_000 + i,
                Duration.ofSeconds(30));
        // both sides half-closed, so every stream is gone on both ends
        awaitTrue(() -> c.yamux().openStreamCount() == 0);
        assertThat(c.channel().isActive()).isTrue();
    }

    @Test
    void aSenderBlockedOnAnExhaustedWindowResumesAfterTheReaderConsumes() throws Exception {
        WireNode server = node(false);
        Echo.Collector sink = new Echo.Collector();
        server.serve("/sink/1", () -> recording(sink));
        server.inboundAutoRead(true);
        WireNode client = node(false);
        WireNode.Connection c = client.dial(server.listen(), null).get(10, TimeUnit.SECONDS);

        YamuxStreamChannel stream = WireNode.openStream(c, "/sink/1", new ChannelInboundHandlerAdapter()).get(10, TimeUnit.SECONDS);
        Channel serverStream = serverStreams.poll(10, TimeUnit.SECONDS);
        // the reader stops reading: nothing it has not read is acknowledged
        serverStream.eventLoop().submit(() -> serverStream.config().setAutoRead(false)).get();

        byte[] data = new byte[1024 * 1024];
        new Random(3).nextBytes(data);
        ChannelFuture write = stream.writeAndFlush(Unpooled.wrappedBuffer(data));
        awaitTrue(() -> onLoop(stream, stream::sendWindow) == 0L);
        Thread.sleep(200);
        assertThat(write.isDone()).as("write must wait for window").isFalse();
        assertThat(onLoop(stream, stream::sendWindow)).isZero();
        assertThat(stream.isWritable()).isFalse();
        assertThat(sink.result).isNotDone();

        // the reader resumes: window updates let the rest through
        serverStream.eventLoop().submit(() -> serverStream.config().setAutoRead(true)).get();
        write.get(10, TimeUnit.SECONDS);
        stream.closeWrite();
        assertThat(sink.result.get(10, TimeUnit.SECONDS)).isEqualTo(data);
    }

    @Test
    void aRemoteResetEndsTheStreamButNotTheConnection() throws Exception {
        WireNode server = node(false)
            .serve("/reset/1", () -> new ChannelInboundHandlerAdapter() {
                @Override
                public void handlerAdded(ChannelHandlerContext ctx) {
                    ((YamuxStreamChannel) ctx.channel()).reset();
                }
            })
            .serve(Echo.PROTOCOL, Echo.Server::new);
        WireNode client = node(false);
        WireNode.Connection c = client.dial(server.listen(), null).get(10, TimeUnit.SECONDS);

        Echo.Collector collector = new Echo.Collector();
        YamuxStreamChannel stream = WireNode.openStream(c, "/reset/1", collector).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> collector.result.get(10, TimeUnit.SECONDS)).hasMessageContaining("reset by the remote");
        stream.closeFuture().await(5, TimeUnit.SECONDS);
        assertThat(stream.isOpen()).isFalse();
        assertThat(stream.isResetByRemote()).isTrue();
        assertThat(stream.writeAndFlush(Unpooled.wrappedBuffer(new byte[1])).await().isSuccess()).isFalse();

        Echo.Collector echo = new Echo.Collector();
        WireNode.openStream(c, Echo.PROTOCOL, echo).thenAccept(s -> {
            s.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {42}));
            s.closeWrite();
        });
        assertThat(echo.result.get(10, TimeUnit.SECONDS)).containsExactly(42);
    }

    @Test
    void aLocalResetClosesTheRemoteStream() throws Exception {
        WireNode server = node(false).serve(Echo.PROTOCOL, () -> recording(new Echo.Server()));
        WireNode client = node(false);
        WireNode.Connection c = client.dial(server.listen(), null).get(10, TimeUnit.SECONDS);
        YamuxStreamChannel stream = WireNode.openStream(c, Echo.PROTOCOL, new ChannelInboundHandlerAdapter()).get(10, TimeUnit.SECONDS);
        Channel serverStream = serverStreams.poll(10, TimeUnit.SECONDS);
        stream.reset().await(5, TimeUnit.SECONDS);
        assertThat(serverStream.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(((YamuxStreamChannel) serverStream).isResetByRemote()).isTrue();
        awaitTrue(() -> c.yamux().openStreamCount() == 0);
    }

    @Test
    void streamsBeyondTheInboundLimitAreRefusedWithRst() throws Exception {
        WireNode server = node(false).serve(Echo.PROTOCOL, Echo.Server::new);
        server.maxInboundStreams(2);
        WireNode client = node(false);
        WireNode.Connection c = client.dial(server.listen(), null).get(10, TimeUnit.SECONDS);
        List<YamuxStreamChannel> open = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            open.add(WireNode.openStream(c, Echo.PROTOCOL, new ChannelInboundHandlerAdapter()).get(10, TimeUnit.SECONDS));
        }
        Echo.Collector third = new Echo.Collector();
        CompletableFuture<YamuxStreamChannel> refused = WireNode.openStream(c, Echo.PROTOCOL, third);
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).hasMessageContaining("closed");
        // a slot frees up once a stream finishes
        open.get(0).reset().await(5, TimeUnit.SECONDS);
        Echo.Collector echo = new Echo.Collector();
        YamuxStreamChannel again = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (again == null && System.nanoTime() < deadline) {
            try {
                again = WireNode.openStream(c, Echo.PROTOCOL, echo).get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                echo = new Echo.Collector();
                Thread.sleep(20);
            }
        }
        assertThat(again).isNotNull();
        again.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {7}));
        again.closeWrite();
        assertThat(echo.result.get(10, TimeUnit.SECONDS)).containsExactly(7);
    }

    @Test
    void aStreamForAnUnservedProtocolFailsNegotiationAndTheConnectionLives() throws Exception {
        WireNode server = node(false).serve(Echo.PROTOCOL, Echo.Server::new);
        WireNode client = node(false);
        WireNode.Connection c = client.dial(server.listen(), null).get(10, TimeUnit.SECONDS);
        // the server opens a stream towards the client, which serves nothing: the client answers na,
        // the server's negotiation fails, and the connection stays usable both ways
        Object inbound = server.nextInbound();
        WireNode.Connection back = (WireNode.Connection) inbound;
        assertThatThrownBy(() -> WireNode.openStream(back, Echo.PROTOCOL, new ChannelInboundHandlerAdapter()).get(10, TimeUnit.SECONDS))
            .hasCauseInstanceOf(io.libp2p.multistream.ProtocolNegotiationException.class);
        Echo.Collector echo = new Echo.Collector();
        WireNode.openStream(c, Echo.PROTOCOL, echo).thenAccept(s -> {
            s.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1, 2}));
            s.closeWrite();
        });
        assertThat(echo.result.get(10, TimeUnit.SECONDS)).containsExactly(1, 2);
    }

    @Test
    void pingIsAnswered() throws Exception {
        WireNode server = node(false);
        WireNode client = node(false);
        WireNode.Connection c = client.dial(server.listen(), null).get(10, TimeUnit.SECONDS);
        long rtt = c.yamux().ping().get(10, TimeUnit.SECONDS);
        assertThat(rtt).isPositive().isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void anUnknownVersionGetsGoAwayAndTheConnectionCloses() throws Exception {
        WireNode server = node(false);
        int port = server.listen();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(header(9, 0, 0, 1, 0));
            assertGoAwayThenEof(s.getInputStream(), YamuxFrame.GO_AWAY_PROTOCOL_ERROR);
        }
    }

    @Test
    void aStreamIdOfTheWrongParityIsAProtocolError() throws Exception {
        WireNode server = node(false);
        int port = server.listen();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            // the dialler is the client and must use odd ids
            s.getOutputStream().write(header(0, YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, 2, 0));
            assertGoAwayThenEof(s.getInputStream(), YamuxFrame.GO_AWAY_PROTOCOL_ERROR);
        }
    }

    @Test
    void sendingBeyondTheWindowIsAProtocolError() throws Exception {
        WireNode server = node(false).serve(Echo.PROTOCOL, Echo.Server::new);
        server.inboundAutoRead(false);
        int port = server.listen();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(header(0, YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, 1, 0));
            int tooMuch = YamuxSession.INITIAL_WINDOW + 1;
            out.write(header(0, YamuxFrame.TYPE_DATA, 0, 1, tooMuch));
            out.write(new byte[tooMuch]);
            InputStream in = s.getInputStream();
            // first the ACK of stream 1 and the multistream header, then the go away
            DataInputStream din = new DataInputStream(in);
            boolean goAway = false;
            try {
                while (!goAway) {
                    byte[] h = new byte[12];
                    din.readFully(h);
                    ByteBuffer bb = ByteBuffer.wrap(h);
                    int type = h[1];
                    long length = bb.getInt(8) & 0xffffffffL;
                    if (type == YamuxFrame.TYPE_DATA) {
                        din.skipNBytes(length);
                    }
                    goAway = type == YamuxFrame.TYPE_GO_AWAY && length == YamuxFrame.GO_AWAY_PROTOCOL_ERROR;
                }
            } catch (EOFException e) {
                // fall through to the assertion
            }
            assertThat(goAway).isTrue();
        }
    }

    @Test
    void closingTheConnectionSendsGoAwayFirst() throws Exception {
        try (java.net.ServerSocket raw = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            raw.setSoTimeout(5000);
            WireNode client = node(false);
            WireNode.Connection c = client.dial(raw.getLocalPort(), null).get(10, TimeUnit.SECONDS);
            try (Socket s = raw.accept()) {
                s.setSoTimeout(5000);
                c.channel().close();
                assertGoAwayThenEof(s.getInputStream(), YamuxFrame.GO_AWAY_NORMAL);
            }
        }
    }

    private static void assertGoAwayThenEof(InputStream in, int code) throws Exception {
        byte[] h = new DataInputStream(in).readNBytes(12);
        assertThat(h).hasSize(12);
        assertThat(h[1]).isEqualTo((byte) YamuxFrame.TYPE_GO_AWAY);
        assertThat(ByteBuffer.wrap(h).getInt(8)).isEqualTo(code);
        assertThat(in.read()).isEqualTo(-1);
    }

    private static byte[] header(int version, int type, int flags, int streamId, int length) {
        return ByteBuffer.allocate(12).put((byte) version).put((byte) type).putShort((short) flags)
            .putInt(streamId).putInt(length).array();
    }

    private static <T> T onLoop(Channel ch, java.util.concurrent.Callable<T> task) {
        try {
            return ch.eventLoop().submit(task).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
