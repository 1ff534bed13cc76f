package io.libp2p.core.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.libp2p.core.Host;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.multistream.MultistreamProtocolV1;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.protocol.Ping;
import io.libp2p.protocol.PingController;
import io.libp2p.security.tls.TlsSecureChannel;
import io.libp2p.transport.ConnectionUpgrader;
import io.libp2p.transport.tcp.TcpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code HostBuilder.secureTransport}: the factory gets the host key and the host's protocols, and a
 * host built with only such a transport needs no secure channel or muxer. The "self-securing" transport
 * here is TCP with its own TLS + yamux upgrader made from exactly what the factory received.
 */
@Timeout(60)
class HostBuilderSecureTransportTest {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Host host(AtomicReference<PrivKey> keySeen) {
        return new HostBuilder()
            .secureTransport((key, protocols) -> {
                keySeen.set(key);
                var muxer = StreamMuxerProtocol.getYamux().createMuxer(MultistreamProtocolV1.INSTANCE, (List) protocols);
                return new TcpTransport(new ConnectionUpgrader(MultistreamProtocolV1.INSTANCE,
                    List.of(new TlsSecureChannel(key, List.of(muxer))), MultistreamProtocolV1.INSTANCE, List.of(muxer)));
            })
            .protocol(new Ping())
            .listen("/ip4/127.0.0.1/tcp/0")
            .build();
    }

    @Test
    void aSecureTransportAloneMakesAWorkingHost() throws Exception {
        AtomicReference<PrivKey> keyA = new AtomicReference<>();
        AtomicReference<PrivKey> keyB = new AtomicReference<>();
        Host a = host(keyA);
        Host b = host(keyB);
        List<Host> started = new ArrayList<>(List.of(a, b));
        try {
            a.start().get(10, TimeUnit.SECONDS);
            b.start().get(10, TimeUnit.SECONDS);
            assertThat(keyA.get()).isEqualTo(a.getPrivKey());
            var conn = a.getNetwork().connect(b.listenAddresses().get(0).withP2P(b.getPeerId())).get(20, TimeUnit.SECONDS);
            assertThat(conn.secureSession().getRemoteId()).isEqualTo(b.getPeerId());
            PingController ping = a.<PingController>newStream(List.of("/ipfs/ping/1.0.0"), conn).getController().get(10, TimeUnit.SECONDS);
            assertThat(ping.ping().get(10, TimeUnit.SECONDS)).isNotNegative();
        } finally {
            for (Host h : started) {
                h.stop().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void withoutAnyTransportTheBuilderSaysSo() {
        assertThatThrownBy(() -> new HostBuilder().protocol(new Ping()).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one transport");
        assertThatThrownBy(() -> new HostBuilder().transport(TcpTransport::new).muxer(StreamMuxerProtocol::getYamux).build())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("at least one secure channel");
    }
}
