package io.libp2p.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crypto.pb.Crypto;
import dev.privacyagent.sample.protocol.Echo;
import dev.privacyagent.sample.protocol.EchoController;
import identify.pb.IdentifyOuterClass;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.multistream.NegotiatedIds;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.protocol.Identify;
import io.libp2p.protocol.IdentifyController;
import io.libp2p.protocol.Ping;
import io.libp2p.protocol.PingController;
import io.libp2p.security.noise.NoiseXXSecureChannel;
import io.libp2p.transport.tcp.TcpTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /tls/1.0.0 between two test hosts over TCP: early yamux by ALPN, ping, identify, echo, a wrong dialled peer id. */
@Timeout(60)
class TlsHostTest {
    private final List<Host> hosts = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Host h : hosts) {
            h.stop().get(10, TimeUnit.SECONDS);
        }
    }

    private Host host(HostBuilder b) throws Exception {
        Host h = b.transport(TcpTransport::new)
            .muxer(StreamMuxerProtocol::getYamux)
            .protocol(new Ping(), new Identify(), new Echo())
            .listen("/ip4/127.0.0.1/tcp/0")
            .build();
        h.start().get(10, TimeUnit.SECONDS);
        hosts.add(h);
        return h;
    }

    private static Connection connect(Host from, Host to) throws Exception {
        return from.getNetwork().connect(to.listenAddresses().get(0).withP2P(to.getPeerId())).get(10, TimeUnit.SECONDS);
    }

    private static void assertWorks(Host from, Connection c) throws Exception {
        byte[] data = "over tls".getBytes(StandardCharsets.UTF_8);
        EchoController echo = from.<EchoController>newStream(List.of(Echo.PROTOCOL_ID), c).getController().get(10, TimeUnit.SECONDS);
        assertThat(echo.echo(data).get(10, TimeUnit.SECONDS)).isEqualTo(data);
        PingController ping = from.<PingController>newStream(List.of("/ipfs/ping/1.0.0"), c).getController().get(10, TimeUnit.SECONDS);
        assertThat(ping.ping().get(10, TimeUnit.SECONDS)).isBetween(0L, 10_000L);
    }

    @Test
    void ed25519AndEcdsaCertificatesAgreeOnYamuxInsideTheHandshake() throws Exception {
        Host a = host(new HostBuilder().secureChannel(TlsSecureChannel::new));
        Host b = host(new HostBuilder().secureChannel(TlsSecureChannel::ECDSA));
        Connection c = connect(a, b);

        assertThat(c.secureSession().getRemoteId()).isEqualTo(b.getPeerId());
        assertThat(c.secureSession().getRemotePubKey()).isEqualTo(b.getPrivKey().publicKey());
        assertThat(c.secureSession().getEarlyMuxer().getProtocol()).isEqualTo("/yamux/1.0.0");
        assertThat(NegotiatedIds.of(c)).containsExactly("/tls/1.0.0", "/yamux/1.0.0");
        assertWorks(a, c);
        IdentifyOuterClass.Identify id = a.<IdentifyController>newStream(List.of("/ipfs/id/1.0.0"), c)
            .getController().get(10, TimeUnit.SECONDS).id().get(10, TimeUnit.SECONDS);
        assertThat(PeerId.fromPubKey(KeyKt.unmarshalPublicKey(id.getPublicKey().toByteArray()))).isEqualTo(b.getPeerId());

        Connection back = b.getNetwork().getConnections().get(0);
        assertThat(back.secureSession().getRemoteId()).isEqualTo(a.getPeerId());
        assertThat(back.secureSession().getEarlyMuxer().getProtocol()).isEqualTo("/yamux/1.0.0");
        assertWorks(b, back);
    }

    @Test
    void aHostWithTlsAndNoiseMeetsANoiseOnlyHostOverNoise() throws Exception {
        Host both = host(new HostBuilder().secureChannel(TlsSecureChannel::new, NoiseXXSecureChannel::new));
        Host noise = host(new HostBuilder().secureChannel(NoiseXXSecureChannel::new));
        Connection c = connect(noise, both);
        assertThat(NegotiatedIds.of(c)).containsExactly("/noise", "/yamux/1.0.0");
        Connection tls = connect(both, host(new HostBuilder().secureChannel(TlsSecureChannel::new)));
        assertThat(NegotiatedIds.of(tls).get(0)).isEqualTo("/tls/1.0.0");
        assertWorks(both, tls);
    }

    @Test
    void aWrongDialledPeerIdFailsTheHandshakeWithTheReason() throws Exception {
        Host a = host(new HostBuilder().secureChannel(TlsSecureChannel::new));
        Host b = host(new HostBuilder().secureChannel(TlsSecureChannel::new));
        PeerId impostor = PeerId.fromPubKey(KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getSecond());

        assertThatThrownBy(() -> a.getNetwork().connect(b.listenAddresses().get(0).withP2P(impostor)).get(10, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(TlsHandshakeException.class)
            .hasMessageContaining("proves peer id " + b.getPeerId())
            .hasMessageContaining("not the dialled peer id " + impostor);
        assertThat(a.getNetwork().getConnections()).isEmpty();
        // the right id still connects
        assertWorks(a, connect(a, b));
    }
}
