package io.libp2p.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import identify.pb.IdentifyOuterClass.Identify;
import io.libp2p.mux.yamux.YamuxStreamChannel;
import io.libp2p.security.noise.NoisePeerMismatchException;
import io.libp2p.wiretest.Base58;
import io.libp2p.wiretest.Echo;
import io.libp2p.wiretest.WireNode;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The wire engines (multistream-select, Noise, yamux) against js-libp2p 3.x in a real Node
 * process, both directions, over TCP on 127.0.0.1.
 */
@Timeout(90)
class JsWireInteropTest {
    private static final Duration T = Duration.ofSeconds(20);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <R extends AutoCloseable> R track(R r) {
        resources.add(r);
        return r;
    }

    @Test
    void jvmDialsJs_noiseProvesTheJsPeerId_andYamuxStreamsEcho() throws Exception {
        JsPeer js = track(JsPeer.start("--listen", "/ip4/127.0.0.1/tcp/0"));
        JsonNode listening = js.await("listening", T);
        String jsPeerId = listening.get("peerId").asText();
        int port = portOf(listening.get("addrs").get(0).asText());
        WireNode jvm = track(new WireNode(true));

        WireNode.Connection c = jvm.dial(port, Base58.decode(jsPeerId)).get(20, TimeUnit.SECONDS);
        assertThat(Base58.encode(c.noise().remote().peerId())).isEqualTo(jsPeerId).startsWith("12D3KooW");
        JsonNode conn = js.await("connection", T);
        assertThat(conn.get("peerId").asText()).isEqualTo(Base58.encode(jvm.identity().peerId()));
        assertThat(conn.get("encryption").asText()).isEqualTo("/noise");
        assertThat(conn.get("multiplexer").asText()).isEqualTo("/yamux/1.0.0");

        // 100 concurrent echo streams; some larger than the 256 KiB window
        Random rnd = new Random(11);
        Echo.assertConcurrentEchoes(c, rnd, 100, i -> i % 20 == 0 ? 400_000 : 8_000 + i, Duration.ofSeconds(60));

        // libp2p ping: 32 bytes echoed
        byte[] probe = new byte[32];
        rnd.nextBytes(probe);
        Echo.Collector pong = new Echo.Collector();
        YamuxStreamChannel ping = WireNode.openStream(c, WireProtocols.PING, pong).get(10, TimeUnit.SECONDS);
        ping.writeAndFlush(Unpooled.wrappedBuffer(probe));
        ping.closeWrite();
        assertThat(pong.result.get(10, TimeUnit.SECONDS)).isEqualTo(probe);

        // identify from js: its real agent version and protocol list
        Echo.Collector id = new Echo.Collector();
        WireNode.openStream(c, WireProtocols.IDENTIFY, id).get(10, TimeUnit.SECONDS).closeWrite();
        Identify identify = WireProtocols.parseIdentify(id.result.get(10, TimeUnit.SECONDS));
        assertThat(identify.getAgentVersion()).startsWith("js-libp2p/3.");
        assertThat(identify.getProtocolsList()).contains(Echo.PROTOCOL, WireProtocols.IDENTIFY, WireProtocols.PING);
        assertThat(identify.getPublicKey().toByteArray()).isEqualTo(c.noise().remote().publicKeyProtobuf());

        // yamux-level ping is answered by js-yamux
        assertThat(c.yamux().ping().get(10, TimeUnit.SECONDS)).isPositive();

        // go away: js sees the connection close; then it stops cleanly on stdin close
        c.yamux().close().get(10, TimeUnit.SECONDS);
        js.await("connection-closed", T);
        assertThat(js.stop(T)).isZero();
    }

    @Test
    void jvmDialsJsWithTheWrongPeerIdAndTheHandshakeFails() throws Exception {
        JsPeer js = track(JsPeer.start("--listen", "/ip4/127.0.0.1/tcp/0"));
        int port = portOf(js.await("listening", T).get("addrs").get(0).asText());
        WireNode jvm = track(new WireNode(true));
        byte[] someoneElse = io.libp2p.security.noise.Ed25519Identity.generate().peerId();

        assertThatThrownBy(() -> jvm.dial(port, someoneElse).get(20, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).cause().isInstanceOf(NoisePeerMismatchException.class);
        // the js peer is unaffected and serves the next, correct dial
        String jsPeerId = js.lines().get(0).replaceAll(".*\"peerId\":\"([^\"]+)\".*", "$1");
        WireNode.Connection ok = jvm.dial(port, Base58.decode(jsPeerId)).get(20, TimeUnit.SECONDS);
        assertThat(Base58.encode(ok.noise().remote().peerId())).isEqualTo(jsPeerId);
        assertThat(js.stop(T)).isZero();
    }

    @Test
    void aSecp256k1JsPeerIsRefusedWithAClearError() throws Exception {
        // the wire engine verifies Ed25519 identities only; other key types must fail cleanly, not crash
        JsPeer js = track(JsPeer.start("--listen", "/ip4/127.0.0.1/tcp/0", "--key-type", "secp256k1"));
        JsonNode listening = js.await("listening", T);
        assertThat(listening.get("peerId").asText()).startsWith("16Uiu2");
        WireNode jvm = track(new WireNode(true));
        assertThatThrownBy(() -> jvm.dial(portOf(listening.get("addrs").get(0).asText()), null).get(20, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class).cause()
            .isInstanceOf(io.libp2p.security.noise.NoiseException.class).hasMessageContaining("Secp256k1 is not supported");
        assertThat(js.stop(T)).isZero();
    }

    @Test
    void jsDialsJvm_identifyPingAndHundredStreams() throws Exception {
        WireNode jvm = track(new WireNode(true));
        jvm.serve(Echo.PROTOCOL, Echo.Server::new)
            .serve(WireProtocols.PING, Echo.Server::new)
            .serve(WireProtocols.IDENTIFY, () -> new WireProtocols.IdentifyResponder(jvm.identity().publicKeyProtobuf()));
        int port = jvm.listen();
        String jvmPeerId = Base58.encode(jvm.identity().peerId());

        JsPeer js = track(JsPeer.start("--dial", "/ip4/127.0.0.1/tcp/" + port + "/p2p/" + jvmPeerId,
            "--streams", "100", "--bytes", "20000", "--pings", "3", "--exit-after-dial"));
        String jsPeerId = js.await("listening", T).get("peerId").asText();
        assertThat(js.await("dialed", T).get("peerId").asText()).isEqualTo(jvmPeerId);

        Object inbound = jvm.nextInbound();
        assertThat(inbound).isInstanceOf(WireNode.Connection.class);
        assertThat(Base58.encode(((WireNode.Connection) inbound).noise().remote().peerId())).isEqualTo(jsPeerId);

        JsonNode identify = js.await("identify", T);
        assertThat(identify.get("agentVersion").asText()).isEqualTo(WireProtocols.AGENT);
        assertThat(identify.get("protocols").toString()).contains(Echo.PROTOCOL, WireProtocols.PING);
        js.assertDialRunSucceeded(3, 100, T);
    }

    private static int portOf(String multiaddr) {
        String[] parts = multiaddr.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("tcp")) {
                return Integer.parseInt(parts[i + 1]);
            }
        }
        throw new IllegalArgumentException("no tcp port in " + multiaddr);
    }
}
