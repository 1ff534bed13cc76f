package io.libp2p.hosttest;

import static org.assertj.core.api.Assertions.assertThat;

import identify.pb.IdentifyOuterClass;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.StreamPromise;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.protocol.IdentifyController;
import io.libp2p.protocol.PingController;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JvmToJvmTest {

    @Test
    void noiseYamuxPingAndIdentify() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host a = hosts.start(TestHosts.noiseBuilder().agentVersion("teku/v23.1.0"));
            Host b = hosts.start(TestHosts.noiseBuilder().agentVersion("lighthouse/v4.5.0"));
            assertThat(a.getPeerId().toBase58()).startsWith("12D3KooW");
            Multiaddr bAddr = TestHosts.dialAddr(b);
            assertThat(bAddr.toString()).matches("/ip4/127\\.0\\.0\\.1/tcp/\\d+/p2p/12D3KooW\\w+");
            assertThat(bAddr.toString()).doesNotContain("/tcp/0/");

            Connection conn = a.getNetwork().connect(bAddr).get(10, TimeUnit.SECONDS);
            assertThat(conn.secureSession().getRemoteId()).isEqualTo(b.getPeerId());
            assertThat(conn.isInitiator()).isTrue();

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
            assertThat(msg.getProtocolsList()).contains("/ipfs/ping/1.0.0", "/ipfs/id/1.0.0");
            Multiaddr observed = Multiaddr.deserialize(msg.getObservedAddr().toByteArray());
            assertThat(observed).isEqualTo(conn.localAddress());
        }
    }
}
