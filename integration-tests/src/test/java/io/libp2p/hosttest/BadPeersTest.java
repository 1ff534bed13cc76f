package io.libp2p.hosttest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.privacyagent.sample.protocol.Echo;
import dev.privacyagent.sample.protocol.EchoController;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.Libp2pException;
import io.libp2p.core.PeerId;
import io.libp2p.core.Stream;
import io.libp2p.core.StreamPromise;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multistream.ProtocolDescriptor;
import io.libp2p.core.multistream.StrictProtocolBinding;
import io.libp2p.multistream.ProtocolNegotiationException;
import io.libp2p.protocol.PingController;
import io.libp2p.security.noise.NoisePeerMismatchException;
import crypto.pb.Crypto;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Misbehaving peers get a clear failure and the host keeps serving everyone else. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadPeersTest {

    private static void assertStillServes(Host client, Host server) throws Exception {
        Connection c = client.getNetwork().connect(TestHosts.dialAddr(server)).get(10, TimeUnit.SECONDS);
        StreamPromise<PingController> p = client.newStream(List.of("/ipfs/ping/1.0.0"), c);
        assertThat(p.getController().get(5, TimeUnit.SECONDS).ping().get(5, TimeUnit.SECONDS)).isNotNegative();
    }

    private static Socket connect(Host h) throws Exception {
        Multiaddr a = h.listenAddresses().get(0);
        int port = Integer.parseInt(a.getFirstComponent(io.libp2p.core.multiformats.Protocol.TCP).getStringValue());
        return new Socket(InetAddress.getLoopbackAddress(), port);
    }

    @Test
    void garbageInsteadOfMultistreamIsDisconnected() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host server = hosts.start(TestHosts.noiseBuilder());
            Host client = hosts.start(TestHosts.noiseBuilder());
            try (Socket s = connect(server)) {
                OutputStream out = s.getOutputStream();
                out.write("GET / HTTP/1.1\r\nHost: example\r\n\r\n".repeat(8).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long ms = RawPeer.millisUntilClosed(s, 10_000);
                assertThat(ms).as("closed on the protocol error, before the upgrade timeout").isBetween(0L,
                        TestHosts.UPGRADE_TIMEOUT.toMillis() - 500);
            }
            assertStillServes(client, server);
        }
    }

    @Test
    void dialingAPeerThatSendsGarbageFailsTheFuture() throws Exception {
        try (TestHosts hosts = new TestHosts(); ServerSocket bad = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Host client = hosts.start(TestHosts.noiseBuilder());
            Thread t = new Thread(() -> {
                try (Socket s = bad.accept()) {
                    s.getOutputStream().write(new byte[] {0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
                    s.getOutputStream().write(new byte[200]);
                    RawPeer.millisUntilClosed(s, 10_000);
                } catch (Exception ignored) {
                    // the test asserts on the dialer's side
                }
            });
            t.start();
            Multiaddr addr = new Multiaddr("/ip4/127.0.0.1/tcp/" + bad.getLocalPort()).withP2P(PeerId.random());
            CompletableFuture<Connection> dial = client.getNetwork().connect(addr);
            assertThatThrownBy(() -> dial.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ProtocolNegotiationException.class);
            t.join(10_000);
            assertThat(client.getNetwork().getConnections()).isEmpty();
        }
    }

    @Test
    void peerThatStopsMidHandshakeIsDroppedAfterTheUpgradeTimeout() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host server = hosts.start(TestHosts.noiseBuilder());
            Host client = hosts.start(TestHosts.noiseBuilder());
            try (Socket s = connect(server)) {
                OutputStream out = s.getOutputStream();
                out.write(RawPeer.msMessage("/multistream/1.0.0"));
                out.write(RawPeer.msMessage("/noise"));
                out.flush(); // ...and never sends the first Noise message
                long ms = RawPeer.millisUntilClosed(s, 15_000);
                assertThat(ms).as("dropped by the upgrade timeout").isBetween(TestHosts.UPGRADE_TIMEOUT.toMillis() - 500,
                        TestHosts.UPGRADE_TIMEOUT.toMillis() + 3000);
            }
            assertStillServes(client, server);
        }
    }

    @Test
    void dialingAPeerThatStallsMidHandshakeTimesOut() throws Exception {
        try (TestHosts hosts = new TestHosts(); ServerSocket stall = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Host client = hosts.start(TestHosts.noiseBuilder());
            Thread t = new Thread(() -> {
                try (Socket s = stall.accept()) {
                    s.getOutputStream().write(RawPeer.msMessage("/multistream/1.0.0"));
                    s.getOutputStream().write(RawPeer.msMessage("/noise"));
                    RawPeer.millisUntilClosed(s, 15_000);
                } catch (Exception ignored) {
                    // the test asserts on the dialer's side
                }
            });
            t.start();
            Multiaddr addr = new Multiaddr("/ip4/127.0.0.1/tcp/" + stall.getLocalPort()).withP2P(PeerId.random());
            long start = System.nanoTime();
            CompletableFuture<Connection> dial = client.getNetwork().connect(addr);
            assertThatThrownBy(() -> dial.get(15, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("timed out");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(TestHosts.UPGRADE_TIMEOUT.toMillis() + 3000);
            t.join(15_000);
        }
    }

    @Test
    void wrongPeerIdFailsTheDialAndTheHostKeepsServing() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host server = hosts.start(TestHosts.noiseBuilder());
            Host client = hosts.start(TestHosts.noiseBuilder());
            PeerId impostor = PeerId.fromPubKey(KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getSecond());
            Multiaddr wrong = server.listenAddresses().get(0).withP2P(impostor);
            CompletableFuture<Connection> dial = client.getNetwork().connect(wrong);
            assertThatThrownBy(() -> dial.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(NoisePeerMismatchException.class);
            // a /p2p component that contradicts the peer id asked for is refused before dialing
            assertThatThrownBy(() -> client.getNetwork().connect(server.getPeerId(), wrong))
                    .isInstanceOf(Libp2pException.class).hasMessageContaining(impostor.toBase58());
            assertStillServes(client, server);
            assertThat(client.getNetwork().getConnections()).hasSize(1);
        }
    }

    @Test
    void plaintextWrongPeerIdFailsToo() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host server = hosts.start(TestHosts.plaintextBuilder());
            Host client = hosts.start(TestHosts.plaintextBuilder());
            Multiaddr wrong = server.listenAddresses().get(0).withP2P(client.getPeerId());
            CompletableFuture<Connection> dial = client.getNetwork().connect(wrong);
            assertThatThrownBy(() -> dial.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().hasMessageContaining("expected peer");
            assertStillServes(client, server);
        }
    }

    @Test
    void deadAddressAndNoCommonSecurityFailClearly() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host noise = hosts.start(TestHosts.noiseBuilder());
            Host plain = hosts.start(TestHosts.plaintextBuilder());
            // bound but never listening: refused every time, and no one else can take the port meanwhile
            try (java.net.Socket reserved = new java.net.Socket()) {
                reserved.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                CompletableFuture<Connection> dead = noise.getNetwork().connect(
                        new Multiaddr("/ip4/127.0.0.1/tcp/" + reserved.getLocalPort()).withP2P(plain.getPeerId()));
                assertThatThrownBy(() -> dead.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(java.net.ConnectException.class);
            }
            CompletableFuture<Connection> mismatch = noise.getNetwork().connect(TestHosts.dialAddr(plain));
            assertThatThrownBy(() -> mismatch.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ProtocolNegotiationException.class).hasMessageContaining("/noise");
        }
    }

    /** A protocol whose responder resets every stream at once. */
    private static final class Resetting extends StrictProtocolBinding<Object> {
        Resetting() {
            super("/reset/1.0.0", ch -> {
                ((Stream) ch).reset();
                return CompletableFuture.completedFuture(new Object());
            });
        }
    }

    @Test
    void streamResetsFailTheStreamButNotTheConnection() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host server = hosts.start(TestHosts.noiseBuilder().protocol(new Resetting()));
            Host client = hosts.start(TestHosts.noiseBuilder().protocol(new Echo() {
                @Override
                public ProtocolDescriptor getProtocolDescriptor() {
                    return new ProtocolDescriptor("/reset/1.0.0");
                }
            }));
            Connection c = client.getNetwork().connect(TestHosts.dialAddr(server)).get(10, TimeUnit.SECONDS);

            // the remote resets
            StreamPromise<EchoController> reset = client.newStream(List.of("/reset/1.0.0"), c);
            CompletableFuture<byte[]> echo = reset.getController().thenCompose(e -> e.echo(new byte[1000]));
            assertThatThrownBy(() -> echo.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            reset.getStream().get().closeFuture().get(5, TimeUnit.SECONDS);

            // we reset a stream with a ping in flight
            StreamPromise<PingController> ping = client.newStream(List.of("/ipfs/ping/1.0.0"), c);
            PingController pc = ping.getController().get(5, TimeUnit.SECONDS);
            CompletableFuture<Long> inFlight = pc.ping();
            ping.getStream().get().reset().get(5, TimeUnit.SECONDS);
            try {
                inFlight.get(5, TimeUnit.SECONDS); // the echo may have won the race
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(io.libp2p.core.ConnectionClosedException.class);
            }
            assertThatThrownBy(() -> pc.ping().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(io.libp2p.core.ConnectionClosedException.class);

            assertThat(c.closeFuture()).isNotDone();
            assertStillServes(client, server);
        }
    }

    @Test
    void remoteRefusingAProtocolFailsTheProtocolFuture() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host server = hosts.start(TestHosts.noiseBuilder());
            Host client = hosts.start(TestHosts.noiseBuilder().protocol(new Resetting()));
            Connection c = client.getNetwork().connect(TestHosts.dialAddr(server)).get(10, TimeUnit.SECONDS);
            StreamPromise<Object> p = client.newStream(List.of("/reset/1.0.0"), c);
            assertThatThrownBy(() -> p.getController().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(ProtocolNegotiationException.class);
            Stream s = p.getStream().get(5, TimeUnit.SECONDS);
            assertThatThrownBy(() -> s.getProtocol().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(c.closeFuture()).isNotDone();
            assertStillServes(client, server);
        }
    }

    /** Answers /ipfs/id/1.0.0 with a 2 MiB frame, twice the identify bound. */
    private static final class OversizedIdentify extends StrictProtocolBinding<Object> {
        OversizedIdentify() {
            super("/ipfs/id/1.0.0", ch -> {
                Stream s = (Stream) ch;
                int len = 2 * 1024 * 1024;
                io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer();
                int v = len;
                while ((v & ~0x7f) != 0) {
                    buf.writeByte((v & 0x7f) | 0x80);
                    v >>>= 7;
                }
                buf.writeByte(v);
                buf.writeZero(len);
                s.writeAndFlush(buf);
                return CompletableFuture.completedFuture(new Object());
            });
        }
    }

    @Test
    void oversizedIdentifyIsRejectedWithoutKillingTheConnection() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host server = hosts.start(new io.libp2p.core.dsl.HostBuilder()
                    .transport(io.libp2p.transport.tcp.TcpTransport::new)
                    .secureChannel(io.libp2p.security.noise.NoiseXXSecureChannel::new)
                    .muxer(io.libp2p.core.mux.StreamMuxerProtocol::getYamux)
                    .protocol(new io.libp2p.protocol.Ping(), new OversizedIdentify())
                    .listen("/ip4/127.0.0.1/tcp/0"));
            Host client = hosts.start(TestHosts.noiseBuilder());
            Connection c = client.getNetwork().connect(TestHosts.dialAddr(server)).get(10, TimeUnit.SECONDS);
            CompletableFuture<?> id = client.<io.libp2p.protocol.IdentifyController>newStream(List.of("/ipfs/id/1.0.0"), c)
                    .getController().thenCompose(io.libp2p.protocol.IdentifyController::id);
            assertThatThrownBy(() -> id.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(io.netty.handler.codec.TooLongFrameException.class);
            assertThat(c.closeFuture()).isNotDone();
            assertStillServes(client, server);
        }
    }

    @Test
    void nothingLeaksAfterStop() throws Exception {
        long before = libp2pThreads();
        try (TestHosts hosts = new TestHosts()) {
            Host a = hosts.start(TestHosts.noiseBuilder());
            Host b = hosts.start(TestHosts.noiseBuilder());
            Connection c = a.getNetwork().connect(TestHosts.dialAddr(b)).get(10, TimeUnit.SECONDS);
            a.<PingController>newStream(List.of("/ipfs/ping/1.0.0"), c).getController().get(5, TimeUnit.SECONDS).ping().get(5, TimeUnit.SECONDS);
            assertThat(libp2pThreads()).isGreaterThan(before);
            Multiaddr bAddr = TestHosts.dialAddr(b);
            hosts.close();
            long until = System.currentTimeMillis() + 3000;
            while (!(a.getNetwork().getConnections().isEmpty() && b.getNetwork().getConnections().isEmpty())
                    && System.currentTimeMillis() < until) {
                Thread.sleep(20);
            }
            assertThat(a.getNetwork().getConnections()).isEmpty();
            assertThat(b.getNetwork().getConnections()).isEmpty();
            assertThat(a.getNetwork().getTransports().get(0).getActiveConnections()).isZero();
            assertThat(a.getNetwork().getTransports().get(0).getActiveListeners()).isZero();
            assertThatThrownBy(() -> a.getNetwork().connect(bAddr))
                    .isInstanceOf(Libp2pException.class).hasMessageContaining("closed");
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (libp2pThreads() > before && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(libp2pThreads()).as("event-loop threads after stop").isLessThanOrEqualTo(before);
    }

    private static long libp2pThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("libp2p-tcp")).count();
    }
}
