package io.libp2p.pubsub.gossip;

import static io.libp2p.pubsub.gossip.GossipNet.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.libp2p.core.Host;
import io.libp2p.core.dsl.Builder;
import io.libp2p.core.dsl.BuilderJKt;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.core.pubsub.MessageApi;
import io.libp2p.core.pubsub.PubsubApiKt;
import io.libp2p.core.pubsub.PubsubSubscription;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.pubsub.DefaultPubsubMessage;
import io.libp2p.pubsub.PubsubApiImpl;
import io.libp2p.pubsub.PubsubProtocol;
import io.libp2p.pubsub.PubsubRouterKt;
import io.libp2p.pubsub.SimpleSeenCache;
import io.libp2p.pubsub.TopicSubscriptionFilter;
import io.libp2p.pubsub.gossip.builders.GossipRouterBuilder;
import io.libp2p.security.noise.NoiseXXSecureChannel;
import io.libp2p.transport.tcp.TcpTransport;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The app-facing gossip API: builder defaults, Gossip as binding, PubsubApiImpl's topic counting, hostJ. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GossipApiTest {

    @Test
    void builderDefaultsAndProtocolIds() {
        GossipRouterBuilder b = new GossipRouterBuilder();
        GossipRouter r = b.build();
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
        assertThat(r.getProtocol()).isEqualTo(PubsubProtocol.Gossip_V_1_2);
        GossipParams p = r.getParams();
        assertThat(List.of(p.getD(), p.getDLow(), p.getDHigh(), p.getDLazy())).containsExactly(6, 4, 12, 6);
        assertThat(p.getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.getFanoutTTL()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.getSeenTTL()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.getPruneBackoff()).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.getFloodPublishMaxMessageSizeThreshold()).isZero();
        assertThat(p.getIDontWantMinMessageSizeThreshold()).isEqualTo(16384);
        assertThat(GossipParams.builder().D(8).build().getDHigh()).isEqualTo(16);
        assertThat(new Gossip(r).getProtocolDescriptor().getAnnounceProtocols())
                .containsExactly("/meshsub/1.2.0", "/meshsub/1.1.0", "/meshsub/1.0.0");
        GossipRouterBuilder b11 = new GossipRouterBuilder();
        b11.setProtocol(PubsubProtocol.Gossip_V_1_1);
        assertThat(new Gossip(b11.build()).getProtocolDescriptor().getAnnounceProtocols())
                .containsExactly("/meshsub/1.1.0", "/meshsub/1.0.0");
        assertThat(new Gossip().getGossipScore(io.libp2p.core.PeerId.random())).isZero();
        r.shutdown();
    }

    /** Records the public, caller-thread subscribe/unsubscribe calls the API makes. */
    static final class CountingRouter extends GossipRouter {
        final List<List<String>> subscribes = new CopyOnWriteArrayList<>();
        final List<List<String>> unsubscribes = new CopyOnWriteArrayList<>();

        CountingRouter() {
            super(new GossipParams(), new GossipScoreParams(), System::currentTimeMillis, new Random(), "counting",
                    new MCache(3, 5), new DefaultGossipScore(new GossipScoreParams()), new GossipExtensionsConfig(),
                    TopicSubscriptionFilter.ALLOW_ALL, PubsubProtocol.Gossip_V_1_2, Executors.newSingleThreadScheduledExecutor(),
                    DefaultPubsubMessage::new, new SimpleSeenCache<>(), PubsubRouterKt.getNOP_ROUTER_VALIDATOR());
        }

        @Override
        public void subscribe(String... topics) {
            subscribes.add(List.of(topics));
            super.subscribe(topics);
        }

        @Override
        public void unsubscribe(String... topics) {
            unsubscribes.add(List.of(topics));
            super.unsubscribe(topics);
        }
    }

    @Test
    void apiCallsTheRouterOnlyForTheFirstAndLastSubscriptionOfATopic() throws Exception {
        CountingRouter r = new CountingRouter();
        try {
            PubsubApiImpl api = new PubsubApiImpl(r);
            PubsubSubscription s1 = api.subscribe((MessageApi m) -> PubsubApiKt.getRESULT_VALID(), new Topic("a"), new Topic("b"));
            PubsubSubscription s2 = api.subscribe((MessageApi m) -> PubsubApiKt.getRESULT_VALID(), new Topic("a"));
            s1.unsubscribe();
            s2.unsubscribe();
            assertThat(r.subscribes).containsExactly(List.of("a", "b"), List.of());
            assertThat(r.unsubscribes).containsExactly(List.of("b"), List.of("a"));
            assertThatThrownBy(s1::unsubscribe).isInstanceOf(IllegalStateException.class);
            assertThat(r.submitOnEventThread(() -> List.copyOf(r.getMesh().keySet())).get(5, TimeUnit.SECONDS)).isEmpty();
        } finally {
            r.shutdown();
        }
    }

    static Host tekuStyleHost(Gossip gossip) throws Exception {
        Host h = BuilderJKt.hostJ(Builder.Defaults.None, b -> {
            b.getHostBuilder().transport(TcpTransport::new).secureChannel(NoiseXXSecureChannel::new)
                    .muxer(StreamMuxerProtocol::getYamux).listen("/ip4/127.0.0.1/tcp/0");
            b.getProtocols().add(gossip);
        });
        h.start().get(10, TimeUnit.SECONDS);
        return h;
    }

    @Test
    void tekuStyleHostJRegistersGossipAsConnectionHandler() throws Exception {
        List<Gossip> gossips = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        try {
            AtomicInteger got = new AtomicInteger();
            for (int i = 0; i < 2; i++) {
                GossipRouterBuilder rb = new GossipRouterBuilder();
                rb.setParams(GossipParams.builder().D(8).DLow(6).DHigh(12).heartbeatInterval(Duration.ofMillis(200)).build());
                GossipRouter router = rb.build();
                Gossip g = new Gossip(router, PubsubApiKt.createPubsubApi(router), null);
                gossips.add(g);
                hosts.add(tekuStyleHost(g));
                g.subscribe((MessageApi m) -> { got.incrementAndGet(); }, new Topic("t"));
            }
            hosts.get(0).getNetwork().connect(hosts.get(1).listenAddresses().get(0).withP2P(hosts.get(1).getPeerId()))
                    .get(10, TimeUnit.SECONDS);
            await("both peers see each other's topic", Duration.ofSeconds(15), () -> {
                try {
                    return gossips.get(0).getPeerTopics().get(5, TimeUnit.SECONDS).containsKey(hosts.get(1).getPeerId());
                } catch (Exception e) {
                    return false;
                }
            });
            gossips.get(0).createPublisher(null, () -> null).publish(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), new Topic("t"))
                    .get(10, TimeUnit.SECONDS);
            await("unsigned message delivered", Duration.ofSeconds(15), () -> got.get() == 1);
        } finally {
            for (Host h : hosts) {
                h.stop().get(10, TimeUnit.SECONDS);
            }
            gossips.forEach(g -> g.getRouter().shutdown());
        }
    }
}
