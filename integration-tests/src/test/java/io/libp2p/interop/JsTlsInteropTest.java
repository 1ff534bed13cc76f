package io.libp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import crypto.pb.Crypto;
import dev.privacyagent.sample.protocol.Echo;
import dev.privacyagent.sample.protocol.EchoController;
import identify.pb.IdentifyOuterClass;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multistream.NegotiatedIds;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.protocol.Identify;
import io.libp2p.protocol.IdentifyController;
import io.libp2p.protocol.Ping;
import io.libp2p.protocol.PingController;
import io.libp2p.security.tls.TlsHandshakeException;
import io.libp2p.security.tls.TlsSecureChannel;
import io.libp2p.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /tls/1.0.0} + yamux between the test host and js-libp2p's {@code @libp2p/tls} over TCP, both
 * ways: the muxer agreed by ALPN on both sides, identify, ping and echo streams; Ed25519 and ECDSA
 * certificate keys on the host; a wrong dialled peer id fails the handshake with the reason.
 */
@Timeout(120)
class JsTlsInteropTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static final String AGENT = "teku/v24.1.0/linux-x86_64/tls";
    private final InteropResources resources = new InteropResources();

    @AfterEach
    void tearDown() throws Exception {
        resources.close();
    }

    private Host host(BiFunction<PrivKey, List<StreamMuxer>, SecureChannel> tls) throws Exception {
        return resources.host(new HostBuilder()
            .transport(TcpTransport::new)
            .secureChannel(tls)
            .muxer(StreamMuxerProtocol::getYamux)
            .protocol(new Ping(), new Identify(), new Echo())
            .agentVersion(AGENT)
            .listen("/ip4/127.0.0.1/tcp/0"));
    }

    @Test
    void hostDialsJs_earlyYamuxIdentifyPingAndEcho() throws Exception {
        JsPeer js = resources.js("--listen", "/ip4/127.0.0.1/tcp/0", "--security", "tls");
        JsonNode listening = js.await("listening", T);
        Host host = host(TlsSecureChannel::new);

        Connection conn = host.getNetwork().connect(new Multiaddr(listening.get("addrs").get(0).asText())).get(20, TimeUnit.SECONDS);
        assertThat(conn.secureSession().getRemoteId()).isEqualTo(PeerId.fromBase58(listening.get("peerId").asText()));
        assertThat(conn.secureSession().getEarlyMuxer().getProtocol()).isEqualTo("/yamux/1.0.0");
        assertThat(NegotiatedIds.of(conn)).containsExactly("/tls/1.0.0", "/yamux/1.0.0");
        JsonNode seen = js.await("connection", T);
        assertThat(seen.get("peerId").asText()).isEqualTo(host.getPeerId().toBase58());
        assertThat(seen.get("encryption").asText()).isEqualTo("/tls/1.0.0");
        assertThat(seen.get("multiplexer").asText()).isEqualTo("/yamux/1.0.0");

        IdentifyOuterClass.Identify msg = host.<IdentifyController>newStream(List.of("/ipfs/id/1.0.0"), conn)
            .getController().get(10, TimeUnit.SECONDS).id().get(10, TimeUnit.SECONDS);
        assertThat(msg.getAgentVersion()).startsWith("js-libp2p/3.");
        PingController ping = host.<PingController>newStream(List.of("/ipfs/ping/1.0.0"), conn)
            .getController().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            assertThat(ping.ping().get(10, TimeUnit.SECONDS)).isNotNegative().isLessThan(5000L);
        }
        byte[] data = new byte[200_000]; // several TLS records
        new Random(3).nextBytes(data);
        EchoController echo = host.<EchoController>newStream(List.of(Echo.PROTOCOL_ID), conn).getController().get(10, TimeUnit.SECONDS);
        assertThat(echo.echo(data).get(20, TimeUnit.SECONDS)).isEqualTo(data);

        conn.close().get(10, TimeUnit.SECONDS);
        js.await("connection-closed", T);
        assertThat(js.stop(T)).isZero();
    }

    @Test
    void jsDialsHostWithAnEcdsaCertificate_identifyPingAndEcho() throws Exception {
        Host host = host(TlsSecureChannel::ECDSA);
        Multiaddr addr = host.listenAddresses().get(0).withP2P(host.getPeerId());
        JsPeer js = resources.js("--dial", addr.toString(), "--security", "tls", "--streams", "10", "--bytes", "30000",
            "--pings", "3", "--exit-after-dial");
        String jsPeerId = js.await("listening", T).get("peerId").asText();
        JsonNode seen = js.await("connection", T);
        assertThat(seen.get("encryption").asText()).isEqualTo("/tls/1.0.0");
        assertThat(seen.get("multiplexer").asText()).isEqualTo("/yamux/1.0.0");
        assertThat(js.await("dialed", T).get("peerId").asText()).isEqualTo(host.getPeerId().toBase58());
        // a TLS 1.3 client is done one flight before the server: the host's side may still be finishing
        long deadline = System.currentTimeMillis() + 10_000;
        while (host.getNetwork().getConnections().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(host.getNetwork().getConnections()).anySatisfy(c -> {
            assertThat(c.secureSession().getRemoteId().toBase58()).isEqualTo(jsPeerId);
            assertThat(c.secureSession().getEarlyMuxer().getProtocol()).isEqualTo("/yamux/1.0.0");
            assertThat(NegotiatedIds.of(c)).containsExactly("/tls/1.0.0", "/yamux/1.0.0");
        });
        assertThat(js.await("identify", T).get("agentVersion").asText()).isEqualTo(AGENT);
        js.assertDialRunSucceeded(3, 10, T);
    }

    @Test
    void dialingJsUnderAnotherPeerIdFailsTheHandshake() throws Exception {
        JsPeer js = resources.js("--listen", "/ip4/127.0.0.1/tcp/0", "--security", "tls");
        JsonNode listening = js.await("listening", T);
        String jsPeerId = listening.get("peerId").asText();
        Multiaddr plain = new Multiaddr(listening.get("addrs").get(0).asText().replace("/p2p/" + jsPeerId, ""));
        PeerId impostor = PeerId.fromPubKey(KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getSecond());
        Host host = host(TlsSecureChannel::new);

        assertThatThrownBy(() -> host.getNetwork().connect(plain.withP2P(impostor)).get(20, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(TlsHandshakeException.class)
            .hasMessageContaining("proves peer id " + jsPeerId)
            .hasMessageContaining("not the dialled peer id " + impostor);
        assertThat(js.stop(T)).isZero();
    }
}
