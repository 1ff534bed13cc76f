package io.libp2p.pubsub.gossip;

import static io.libp2p.pubsub.gossip.GossipNet.await;
import static io.libp2p.pubsub.gossip.GossipNet.awaitChecked;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.sample.gossip.ContentIdMessage;
import dev.privacyagent.sample.gossip.NoSignFieldValidator;
import io.libp2p.core.PeerId;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.pubsub.PubsubPublisherApi;
import io.libp2p.core.pubsub.Topic;
import io.libp2p.interop.JsPeer;
import io.libp2p.pubsub.PubsubRouterKt;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import pubsub.pb.Rpc;

/**
 * The test host's gossipsub against js-libp2p's (@libp2p/gossipsub 17.1.1 on libp2p 3.3.11): both
 * dial directions, StrictSign (signatures verified on the JVM side) and StrictNoSign (content ids on
 * both sides), topics, meshes (GRAFT on both sides), every message once per node both ways, and a
 * line jvm — js — jvm that relays both ways.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JsGossipInteropTest {
    static final String T = "/eth2/00000000/beacon_block/ssz_snappy";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final int N = 5;

    static GossipNet.Node jvmNode(GossipNet net, boolean noSign) throws Exception {
        return net.start(rb -> {
            rb.setParams(GossipNet.fastParams());
            if (noSign) {
                rb.setMessageFactory(ContentIdMessage::new);
                rb.setMessageValidator(new NoSignFieldValidator());
            } else {
                rb.setMessageValidator(PubsubRouterKt.getSIGNATURE_ROUTER_VALIDATOR());
            }
        });
    }

    static PubsubPublisherApi publisher(GossipNet.Node n, boolean noSign) {
        return noSign ? n.gossip.createPublisher(null, () -> null) : n.gossip.createPublisher(n.host.getPrivKey(), 1L);
    }

    static JsPeer jsPeer(boolean noSign, String... mode) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(mode));
        args.addAll(List.of("--topic", T, "--sign-policy", noSign ? "nosign" : "strict", "--heartbeat-ms", "200"));
        return JsPeer.start(args.toArray(String[]::new));
    }

    static Multiaddr listenAddr(JsPeer js) throws Exception {
        JsonNode l = js.await("listening", WAIT);
        Multiaddr m = new Multiaddr(l.get("addrs").get(0).asText());
        return m.getPeerId() != null ? m : m.withP2P(PeerId.fromBase58(l.get("peerId").asText()));
    }

    static long jsGot(JsPeer js, String text) {
        return js.all("gossip-message").stream().filter(e -> e.get("text").asText().equals(text)).count();
    }

    @ParameterizedTest(name = "jvm dials js: {0}, StrictNoSign: {1}")
    @CsvSource({"true,false", "false,false", "true,true", "false,true"})
    void topicsMeshesAndMessagesBothWays(boolean jvmDials, boolean noSign) throws Exception {
        try (GossipNet net = new GossipNet()) {
            GossipNet.Node jvm = jvmNode(net, noSign);
            jvm.subscribe(T);
            JsPeer js;
            PeerId jsId;
            if (jvmDials) {
                js = jsPeer(noSign, "--listen", "/ip4/127.0.0.1/tcp/0");
                Multiaddr addr = listenAddr(js);
                jsId = addr.getPeerId();
                jvm.host.getNetwork().connect(addr).get(15, TimeUnit.SECONDS);
            } else {
                js = jsPeer(noSign, "--dial", jvm.addr().toString());
                jsId = PeerId.fromBase58(js.await("listening", WAIT).get("peerId").asText());
            }
            try (js) {
                // topics propagate both ways
                JsonNode sub = js.await("gossip-subscription", WAIT);
                assertThat(sub.get("peerId").asText()).isEqualTo(jvm.id().toBase58());
                assertThat(sub.get("topic").asText()).isEqualTo(T);
                assertThat(sub.get("subscribe").asBoolean()).isTrue();
                awaitChecked("jvm sees js's topic", WAIT,
                        () -> jvm.gossip.getPeerTopics().get(5, TimeUnit.SECONDS).getOrDefault(jsId, java.util.Set.of()).contains(new Topic(T)));
                // meshes form: a GRAFT on the jvm side's wire, a graft event on the js side
                awaitChecked("jvm meshed js", WAIT, () -> jvm.mesh(T).contains(jsId));
                await("js grafted jvm", WAIT, () -> js.all("gossip-graft").stream()
                        .anyMatch(e -> e.get("peerId").asText().equals(jvm.id().toBase58()) && e.get("topic").asText().equals(T)));
                // whoever grafts first: js accepts a GRAFT silently, jvm answers one with its own
                assertThat(jvm.tap.out.stream().anyMatch(r -> r.getControl().getGraftCount() > 0)
                        || jvm.tap.in.stream().anyMatch(r -> r.getControl().getGraftCount() > 0)).isTrue();
                String proto = jvm.router.submitOnEventThread(() -> jvm.router.getActivePeers().get(0).getProtocolId()).get(5, TimeUnit.SECONDS);
                assertThat(proto).isEqualTo("/meshsub/1.2.0");

                // jvm → js
                PubsubPublisherApi pub = publisher(jvm, noSign);
                for (int i = 0; i < N; i++) {
                    pub.publish(Unpooled.wrappedBuffer(("jvm-" + i).getBytes(StandardCharsets.UTF_8)), new Topic(T)).get(10, TimeUnit.SECONDS);
                }
                await("js got every jvm message", WAIT, () -> {
                    for (int i = 0; i < N; i++) {
                        if (jsGot(js, "jvm-" + i) < 1) {
                            return false;
                        }
                    }
                    return true;
                });
                // js → jvm
                for (int i = 0; i < N; i++) {
                    js.send("publish " + T + " 0 js-" + i);
                }
                await("jvm got every js message", WAIT, () -> {
                    for (int i = 0; i < N; i++) {
                        if (jvm.count(T, "js-" + i) < 1) {
                            return false;
                        }
                    }
                    return true;
                });
                Thread.sleep(1000); // a few heartbeats: any duplicate would show by now
                for (int i = 0; i < N; i++) {
                    assertThat(jsGot(js, "jvm-" + i)).as("js copies of jvm-%d", i).isEqualTo(1);
                    assertThat(jvm.count(T, "js-" + i)).as("jvm copies of js-%d", i).isEqualTo(1);
                }
                // both sides compute the same message ids
                for (JsonNode m : js.all("gossip-message")) {
                    String text = m.get("text").asText();
                    Rpc.Message raw = jvm.tap.out.stream().flatMap(r -> r.getPublishList().stream())
                            .filter(x -> x.getData().toStringUtf8().equals(text)).findFirst().orElseThrow();
                    byte[] expected = noSign ? ContentIdMessage.contentId(T, raw.getData().toByteArray())
                            : raw.getFrom().concat(raw.getSeqno()).toByteArray();
                    assertThat(m.get("msgId").asText()).isEqualTo(HexFormat.of().formatHex(expected));
                    assertThat(raw.hasSignature()).isEqualTo(!noSign);
                    assertThat(m.get("origin").isNull()).isEqualTo(noSign);
                }
                assertThat(jvm.events.of("invalid")).isEmpty();
                assertThat(js.all("error")).isEmpty();
            }
        }
    }

    @Test
    void aLineJvmJsJvmRelaysBothWays() throws Exception {
        try (GossipNet net = new GossipNet()) {
            GossipNet.Node a = jvmNode(net, false);
            GossipNet.Node b = jvmNode(net, false);
            a.subscribe(T);
            b.subscribe(T);
            try (JsPeer js = jsPeer(false, "--listen", "/ip4/127.0.0.1/tcp/0")) {
                Multiaddr addr = listenAddr(js);
                a.host.getNetwork().connect(addr).get(15, TimeUnit.SECONDS);
                b.host.getNetwork().connect(addr).get(15, TimeUnit.SECONDS);
                awaitChecked("both jvm nodes meshed with js", WAIT, () -> a.mesh(T).contains(addr.getPeerId()) && b.mesh(T).contains(addr.getPeerId()));
                await("js meshed both", WAIT, () -> js.all("gossip-graft").stream().map(e -> e.get("peerId").asText()).distinct().count() >= 2);
                publisher(a, false).publish(Unpooled.wrappedBuffer("a-to-b".getBytes(StandardCharsets.UTF_8)), new Topic(T)).get(10, TimeUnit.SECONDS);
                publisher(b, false).publish(Unpooled.wrappedBuffer("b-to-a".getBytes(StandardCharsets.UTF_8)), new Topic(T)).get(10, TimeUnit.SECONDS);
                await("relayed both ways through js", WAIT, () -> b.count(T, "a-to-b") == 1 && a.count(T, "b-to-a") == 1);
                // the relayed copy came from js, with the origin's signature intact (verified on arrival)
                assertThat(b.events.has("valid", addr.getPeerId(), null)).isTrue();
                assertThat(a.events.has("valid", addr.getPeerId(), null)).isTrue();
                assertThat(jsGot(js, "a-to-b")).isEqualTo(1);
                assertThat(jsGot(js, "b-to-a")).isEqualTo(1);
                Thread.sleep(600);
                assertThat(b.count(T, "a-to-b")).isEqualTo(1);
                assertThat(a.count(T, "b-to-a")).isEqualTo(1);
            }
        }
    }
}
