package io.libp2p.security.noise;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.sample.protocol.Echo;
import dev.privacyagent.sample.protocol.EchoController;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.transport.tcp.TcpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Early muxer negotiation inside the Noise handshake between two hosts, and the fallback when one side does not offer it. */
@Timeout(60)
class NoiseEarlyMuxerHostTest {
    private final List<Host> hosts = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Host h : hosts) {
            h.stop().get(10, TimeUnit.SECONDS);
        }
    }

    private Host host(boolean early) throws Exception {
        Host h = new HostBuilder()
            .transport(TcpTransport::new)
            .secureChannel(early ? NoiseXXSecureChannel::withEarlyMuxers : NoiseXXSecureChannel::withoutEarlyMuxers)
            .muxer(StreamMuxerProtocol::getYamux)
            .protocol(new Echo())
            .listen("/ip4/127.0.0.1/tcp/0")
            .build();
        h.start().get(10, TimeUnit.SECONDS);
        hosts.add(h);
        return h;
    }

    private static Connection connect(Host from, Host to) throws Exception {
        return from.getNetwork().connect(to.listenAddresses().get(0).withP2P(to.getPeerId())).get(10, TimeUnit.SECONDS);
    }

    private static void assertEcho(Host from, Connection c) throws Exception {
        byte[] data = "early muxer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        EchoController echo = from.<EchoController>newStream(List.of(Echo.PROTOCOL_ID), c).getController().get(10, TimeUnit.SECONDS);
        assertThat(echo.echo(data).get(10, TimeUnit.SECONDS)).isEqualTo(data);
    }

    @Test
    void bothOfferingAgreeOnYamuxInsideTheHandshake() throws Exception {
        Host a = host(true);
        Host b = host(true);
        Connection c = connect(a, b);
        assertThat(c.secureSession().getEarlyMuxer()).isNotNull();
        assertThat(c.secureSession().getEarlyMuxer().getProtocol()).isEqualTo("/yamux/1.0.0");
        assertThat(c.muxerSession()).isNotNull();
        assertEcho(a, c);
        Connection back = b.getNetwork().getConnections().get(0);
        assertThat(back.secureSession().getEarlyMuxer().getProtocol()).isEqualTo("/yamux/1.0.0");
        assertEcho(b, back);
    }

    @Test
    void oneSideNotOfferingFallsBackToMultistream() throws Exception {
        Host early = host(true);
        Host plain = host(false);
        Connection c1 = connect(early, plain);
        assertThat(c1.secureSession().getEarlyMuxer()).isNull();
        assertEcho(early, c1);
        Connection c2 = connect(plain, early);
        assertThat(c2.secureSession().getEarlyMuxer()).isNull();
        assertEcho(plain, c2);
    }
}
