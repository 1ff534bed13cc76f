package io.libp2p.hosttest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.sample.protocol.Echo;
import dev.privacyagent.sample.protocol.EchoController;
import identify.pb.IdentifyOuterClass;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.Stream;
import io.libp2p.core.StreamPromise;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.protocol.IdentifyController;
import io.libp2p.protocol.PingController;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JvmToJvmTest {

    @Test
    void noiseYamuxPingAndIdentify() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host a = hosts.start(TestHosts.noiseBuilder().agentVersion("teku/v23.1.0"));
            Host b = hosts.start(TestHosts.noiseBuilder().agentVersion("lighthouse/v4.5.0")
                    .announce("/ip4/192.168.1.23/tcp/9000"));
            assertThat(a.getPeerId().toBase58()).startsWith("12D3KooW");
            Multiaddr bAddr = TestHosts.dialAddr(b);
            assertThat(bAddr.toString()).matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/12D3KooW\\w+");
            assertThat(bAddr.toString()).doesNotContain("/tcp/0/");

            Connection conn = a.getNetwork().connect(bAddr).get(10, TimeUnit.SECONDS);
            assertThat(conn.secureSession().getRemoteId()).isEqualTo(b.getPeerId());
            assertThat(conn.isInitiator()).isTrue();
            // an existing connection short-circuits connect
            assertThat(a.getNetwork().connect(bAddr).get(5, TimeUnit.SECONDS)).isSameAs(conn);

            StreamPromise<PingController> ping = a.newStream(List.of("/ipfs/ping/1.0.0"), conn);
            PingController pc = ping.getController().get(5, TimeUnit.SECONDS);
            assertThat(ping.getStream().get().getProtocol().get(5, TimeUnit.SECONDS)).isEqualTo("/ipfs/ping/1.0.0");
            for (int i = 0; i < 5; i++) {
                long rtt = pc.ping().get(5, TimeUnit.SECONDS);
                assertThat(rtt).isBetween(0L, 5000L);
            }

            StreamPromise<IdentifyController> id = a.newStream(List.of("/ipfs/id/1.0.0"), conn);
            IdentifyOuterClass.Identify msg = id.getController().get(5, TimeUnit.SECONDS).id().get(5, TimeUnit.SECONDS);
            assertThat(msg.getAgentVersion()).isEqualTo("lighthouse/v4.5.0");
            assertThat(msg.getProtocolVersion()).isEqualTo("p2p/0.1");
            assertThat(msg.getProtocolsList()).contains("/ipfs/ping/1.0.0", "/ipfs/id/1.0.0", Echo.PROTOCOL_ID);
            assertThat(msg.getListenAddrsList()).extracting(bs -> Multiaddr.deserialize(bs.toByteArray()).toString())
                    .containsExactly("/ip4/127.0.0.1/tcp/0", "/ip4/192.168.1.23/tcp/9000");
            assertThat(io.libp2p.core.PeerId.fromPubKey(
                    io.libp2p.core.crypto.KeyKt.unmarshalPublicKey(msg.getPublicKey().toByteArray()))).isEqualTo(b.getPeerId());
            Multiaddr observed = Multiaddr.deserialize(msg.getObservedAddr().toByteArray());
            assertThat(observed).isEqualTo(conn.localAddress());
        }
    }

    @Test
    void connectionHandlersRunAfterUpgradeAndStreamVisitorsBeforeNegotiation() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host a = hosts.start(TestHosts.noiseBuilder());
            Host b = hosts.start(TestHosts.noiseBuilder());
            List<String> seen = new CopyOnWriteArrayList<>();
            for (Host h : List.of(a, b)) {
                String side = h == a ? "a" : "b";
                h.addConnectionHandler(c -> seen.add(side + ":conn:" + c.isInitiator() + ":"
                        + c.secureSession().getRemoteId() + ":" + (c.muxerSession() != null)));
                h.addStreamVisitor(s -> seen.add(side + ":stream:" + s.isInitiator() + ":" + s.getProtocol().isDone()));
            }
            Connection conn = a.getNetwork().connect(TestHosts.dialAddr(b)).get(10, TimeUnit.SECONDS);
            StreamPromise<PingController> ping = a.newStream(List.of("/ipfs/ping/1.0.0"), conn);
            ping.getController().get(5, TimeUnit.SECONDS).ping().get(5, TimeUnit.SECONDS);
            assertThat(seen).contains("a:conn:true:" + b.getPeerId() + ":true", "b:conn:false:" + a.getPeerId() + ":true",
                    "a:stream:true:false", "b:stream:false:false");
            assertThat(a.getStreams()).hasSize(1);
            assertThat(b.getNetwork().getConnections()).hasSize(1);
            assertThat(b.getNetwork().getConnections().get(0).remoteAddress()).isEqualTo(conn.localAddress());
        }
    }

    @Test
    void hundredConcurrentYamuxStreamsEchoBothWays() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host a = hosts.start(TestHosts.noiseBuilder());
            Host b = hosts.start(TestHosts.noiseBuilder());
            Connection conn = a.getNetwork().connect(TestHosts.dialAddr(b)).get(10, TimeUnit.SECONDS);
            Random rnd = new Random(42);
            List<byte[]> payloads = new ArrayList<>();
            List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                // sizes straddle the 256 KiB yamux window so flow control is exercised
                byte[] data = new byte[i % 10 == 0 ? 300_000 : 4096 + i * 37];
                rnd.nextBytes(data);
                payloads.add(data);
                StreamPromise<EchoController> p = a.newStream(List.of(Echo.PROTOCOL_ID), conn);
                echoes.add(p.getController().thenCompose(c -> c.echo(data)));
            }
            for (int i = 0; i < 100; i++) {
                assertThat(echoes.get(i).get(30, TimeUnit.SECONDS)).as("stream %d", i).isEqualTo(payloads.get(i));
            }
            // streams opened by the other side over the same connection
            Connection back = b.getNetwork().getConnections().get(0);
            byte[] data = new byte[70_000];
            rnd.nextBytes(data);
            StreamPromise<EchoController> p = b.newStream(List.of(Echo.PROTOCOL_ID), back);
            assertThat(p.getController().thenCompose(c -> c.echo(data)).get(10, TimeUnit.SECONDS)).isEqualTo(data);
            long deadline = System.currentTimeMillis() + 5000;
            while (!a.getStreams().isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(a.getStreams()).as("finished streams are closed").isEmpty();
        }
    }

    @Test
    void unlistenClosesOnlyThatListener() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host a = hosts.start(TestHosts.noiseBuilder().listen("/ip4/127.0.0.1/tcp/0"));
            Host b = hosts.start(TestHosts.noiseBuilder());
            io.libp2p.core.transport.Transport t = a.getNetwork().getTransports().get(0);
            assertThat(t.getActiveListeners()).isEqualTo(2);
            List<Multiaddr> bound = a.listenAddresses();
            assertThat(bound).hasSize(2).doesNotHaveDuplicates();
            Multiaddr gone = bound.get(0);
            a.getNetwork().unlisten(gone).get(5, TimeUnit.SECONDS);
            assertThat(t.getActiveListeners()).isEqualTo(1);
            Multiaddr remaining = a.listenAddresses().get(0);
            assertThat(remaining).isEqualTo(bound.get(1));
            CompletableFuture<Connection> refused = b.getNetwork().connect(gone.withP2P(a.getPeerId()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(java.net.ConnectException.class);
            assertThat(b.getNetwork().connect(remaining.withP2P(a.getPeerId())).get(10, TimeUnit.SECONDS)
                    .secureSession().getRemoteId()).isEqualTo(a.getPeerId());
        }
    }

    @Test
    void listeningOnAPortInUseFailsStart() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host a = hosts.start(TestHosts.noiseBuilder());
            String taken = a.listenAddresses().get(0).toString();
            Host b = new io.libp2p.core.dsl.HostBuilder()
                    .transport(io.libp2p.transport.tcp.TcpTransport::new)
                    .secureChannel(io.libp2p.security.noise.NoiseXXSecureChannel::new)
                    .muxer(io.libp2p.core.mux.StreamMuxerProtocol::getYamux)
                    .listen(taken)
                    .build();
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.start().get(5, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(java.net.BindException.class);
                assertThat(b.getNetwork().getTransports().get(0).getActiveListeners()).isZero();
            } finally {
                b.stop().get(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void plaintextHostsPingAndCloseCleanly() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host a = hosts.start(TestHosts.plaintextBuilder());
            Host b = hosts.start(TestHosts.plaintextBuilder());
            Connection conn = a.getNetwork().connect(TestHosts.dialAddr(b)).get(10, TimeUnit.SECONDS);
            assertThat(conn.secureSession().getRemoteId()).isEqualTo(b.getPeerId());
            StreamPromise<PingController> ping = a.newStream(List.of("/ipfs/ping/1.0.0"), conn);
            assertThat(ping.getController().get(5, TimeUnit.SECONDS).ping().get(5, TimeUnit.SECONDS)).isNotNegative();
            Stream s = ping.getStream().get();

            Multiaddr remote = conn.remoteAddress();
            a.getNetwork().disconnect(conn).get(5, TimeUnit.SECONDS);
            conn.closeFuture().get(5, TimeUnit.SECONDS);
            assertThat(conn.remoteAddress()).as("readable after close").isEqualTo(remote);
            s.closeFuture().get(5, TimeUnit.SECONDS);
            long deadline = System.currentTimeMillis() + 5000;
            while (!(a.getNetwork().getConnections().isEmpty() && b.getNetwork().getConnections().isEmpty())
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(a.getNetwork().getConnections()).isEmpty();
            assertThat(b.getNetwork().getConnections()).isEmpty();
        }
    }
}
