package io.libp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.sample.protocol.Echo;
import dev.privacyagent.sample.protocol.EchoController;
import identify.pb.IdentifyOuterClass;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.PeerId;
import io.libp2p.core.StreamPromise;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.protocol.Identify;
import io.libp2p.protocol.IdentifyController;
import io.libp2p.protocol.Ping;
import io.libp2p.protocol.PingController;
import io.libp2p.security.noise.NoiseXXSecureChannel;
import io.libp2p.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The host built with {@link HostBuilder} on the Noise and yamux bindings, against js-libp2p 3.x:
 * the application-level view (connections, identify, ping, echo streams) in both directions.
 */
@Timeout(120)
class JsHostInteropTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static final String AGENT = "teku/v24.1.0/linux-x86_64/-eclipseadoptium-openjdk64bitservervm-java-17";
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private Host host() throws Exception {
        return host(false);
    }

    private Host host(boolean earlyMuxers) throws Exception {
        Host h = new HostBuilder()
            .transport(TcpTransport::new)
            .secureChannel(earlyMuxers ? NoiseXXSecureChannel::withEarlyMuxers : NoiseXXSecureChannel::withoutEarlyMuxers)
            .muxer(StreamMuxerProtocol::getYamux)
            .protocol(new Ping(), new Identify(), new Echo())
            .agentVersion(AGENT)
            .listen("/ip4/127.0.0.1/tcp/0")
            .build();
        h.start().get(10, TimeUnit.SECONDS);
        resources.add(() -> h.stop().get(10, TimeUnit.SECONDS));
        return h;
    }

    @Test
    void hostDialsJs_identifyPingAndHundredEchoStreams() throws Exception {
        JsPeer js = JsPeer.start("--listen", "/ip4/127.0.0.1/tcp/0");
        resources.add(js);
        JsonNode listening = js.await("listening", T);
        String jsPeerId = listening.get("peerId").asText();
        Host host = host();

        Connection conn = host.getNetwork().connect(new Multiaddr(listening.get("addrs").get(0).asText())).get(20, TimeUnit.SECONDS);
        assertThat(conn.secureSession().getRemoteId()).isEqualTo(PeerId.fromBase58(jsPeerId));
        assertThat(js.await("connection", T).get("peerId").asText()).isEqualTo(host.getPeerId().toBase58());

        StreamPromise<IdentifyController> id = host.newStream(List.of("/ipfs/id/1.0.0"), conn);
        IdentifyOuterClass.Identify msg = id.getController().get(10, TimeUnit.SECONDS).id().get(10, TimeUnit.SECONDS);
        assertThat(msg.getAgentVersion()).startsWith("js-libp2p/3.");
        assertThat(msg.getProtocolsList()).contains("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0", Echo.PROTOCOL_ID);

        PingController ping = host.<PingController>newStream(List.of("/ipfs/ping/1.0.0"), conn)
            .getController().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            assertThat(ping.ping().get(10, TimeUnit.SECONDS)).isNotNegative().isLessThan(5000L);
        }

        Random rnd = new Random(5);
        List<byte[]> sent = new ArrayList<>();
        List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] data = new byte[i % 25 == 0 ? 300_000 : 10_000 + i];
            rnd.nextBytes(data);
            sent.add(data);
            StreamPromise<EchoController> p = host.newStream(List.of(Echo.PROTOCOL_ID), conn);
            echoes.add(p.getController().thenCompose(c -> c.echo(data)));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(echoes.get(i).get(60, TimeUnit.SECONDS)).as("echo on stream %d", i).isEqualTo(sent.get(i));
        }

        conn.close().get(10, TimeUnit.SECONDS);
        js.await("connection-closed", T);
        assertThat(js.stop(T)).isZero();
    }

    @Test
    void jsDialsHost_identifyPingAndHundredEchoStreams() throws Exception {
        Host host = host();
        Multiaddr addr = host.listenAddresses().get(0).withP2P(host.getPeerId());
        JsPeer js = JsPeer.start("--dial", addr.toString(), "--streams", "100", "--bytes", "30000", "--pings", "3",
            "--exit-after-dial");
        resources.add(js);
        String jsPeerId = js.await("listening", T).get("peerId").asText();
        assertThat(js.await("dialed", T).get("peerId").asText()).isEqualTo(host.getPeerId().toBase58());
        // the host's side of the connection names the js peer (js is still busy with identify, pings, streams)
        assertThat(host.getNetwork().getConnections())
            .anySatisfy(c -> assertThat(c.secureSession().getRemoteId().toBase58()).isEqualTo(jsPeerId));

        JsonNode identify = js.await("identify", T);
        assertThat(identify.get("agentVersion").asText()).isEqualTo(AGENT);
        assertThat(identify.get("protocols").toString()).contains("/ipfs/ping/1.0.0", "/ipfs/id/1.0.0", Echo.PROTOCOL_ID);
        // js allows one outbound ping stream per peer and counts it until both sides have closed, so
        // three pings in a row also prove the host half-closes its ping streams after js does
        js.assertDialRunSucceeded(3, 100, T);
        // the js node left: the host drops the connection
        long deadline = System.currentTimeMillis() + 10_000;
        while (!host.getNetwork().getConnections().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(host.getNetwork().getConnections()).isEmpty();
    }

    @Test
    void earlyMuxerNegotiationWithJsInBothDirections() throws Exception {
        JsPeer js = JsPeer.start("--listen", "/ip4/127.0.0.1/tcp/0");
        resources.add(js);
        JsonNode listening = js.await("listening", T);
        Host host = host(true);

        // host dials js: yamux agreed inside the Noise handshake, no multistream round for it
        Connection out = host.getNetwork().connect(new Multiaddr(listening.get("addrs").get(0).asText())).get(20, TimeUnit.SECONDS);
        assertThat(out.secureSession().getEarlyMuxer()).isNotNull();
        assertThat(out.secureSession().getEarlyMuxer().getProtocol()).isEqualTo("/yamux/1.0.0");
        assertThat(js.await("connection", T).get("multiplexer").asText()).isEqualTo("/yamux/1.0.0");
        byte[] data = new byte[300_000];
        new Random(9).nextBytes(data);
        StreamPromise<EchoController> p = host.newStream(List.of(Echo.PROTOCOL_ID), out);
        assertThat(p.getController().thenCompose(c -> c.echo(data)).get(20, TimeUnit.SECONDS)).isEqualTo(data);
        PingController ping = host.<PingController>newStream(List.of("/ipfs/ping/1.0.0"), out).getController().get(10, TimeUnit.SECONDS);
        assertThat(ping.ping().get(10, TimeUnit.SECONDS)).isNotNegative();
        assertThat(js.stop(T)).isZero();

        // js dials the host
        Multiaddr addr = host.listenAddresses().get(0).withP2P(host.getPeerId());
        JsPeer dialer = JsPeer.start("--dial", addr.toString(), "--streams", "20", "--pings", "2", "--exit-after-dial");
        resources.add(dialer);
        assertThat(dialer.await("connection", T).get("multiplexer").asText()).isEqualTo("/yamux/1.0.0");
        assertThat(dialer.await("identify", T).get("agentVersion").asText()).isEqualTo(AGENT);
        assertThat(dialer.await("streams", Duration.ofSeconds(60)).get("ok").asInt()).isEqualTo(20);
        assertThat(dialer.waitForExit(T)).isZero();
        assertThat(dialer.lines()).noneMatch(l -> l.contains("\"event\":\"error\""));
    }
}
