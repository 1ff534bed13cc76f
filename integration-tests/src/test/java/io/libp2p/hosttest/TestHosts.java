package io.libp2p.hosttest;

import dev.privacyagent.sample.protocol.Echo;
import io.libp2p.core.Host;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.protocol.Identify;
import io.libp2p.protocol.Ping;
import io.libp2p.security.noise.NoiseXXSecureChannel;
import io.libp2p.security.plaintext.PlaintextInsecureChannel;
import io.libp2p.transport.tcp.TcpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds and tears down hosts on 127.0.0.1 for tests. */
final class TestHosts implements AutoCloseable {
    static final Duration UPGRADE_TIMEOUT = Duration.ofSeconds(3);
    private final List<Host> hosts = new ArrayList<>();

    static HostBuilder noiseBuilder() {
        return new HostBuilder()
                .transport(u -> {
                    TcpTransport t = new TcpTransport(u);
                    t.setUpgradeTimeout(UPGRADE_TIMEOUT);
                    return t;
                })
                .secureChannel(NoiseXXSecureChannel::new)
                .muxer(StreamMuxerProtocol::getYamux)
                .protocol(new Ping(), new Identify(), new Echo())
                .listen("/ip4/127.0.0.1/tcp/0");
    }

    static HostBuilder plaintextBuilder() {
        return new HostBuilder()
                .transport(u -> {
                    TcpTransport t = new TcpTransport(u);
                    t.setUpgradeTimeout(UPGRADE_TIMEOUT);
                    return t;
                })
                .secureChannel(PlaintextInsecureChannel::new)
                .muxer(StreamMuxerProtocol::getYamux)
                .protocol(new Ping(), new Identify(), new Echo())
                .listen("/ip4/127.0.0.1/tcp/0");
    }

    Host start(HostBuilder b) throws Exception {
        Host h = b.build();
        hosts.add(h);
        h.start().get(5, TimeUnit.SECONDS);
        return h;
    }

    static Multiaddr dialAddr(Host h) {
        return h.listenAddresses().get(0).withP2P(h.getPeerId());
    }

    @Override
    public void close() throws Exception {
        for (Host h : hosts) {
            h.stop().get(10, TimeUnit.SECONDS);
        }
    }
}
