package dev.privacyagent.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.sample.gossip.Duties;
import dev.privacyagent.sample.gossip.EthGossipNetwork;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ethereum-like gossip profile in its own JVM: the ground truth it prints is self-consistent
 * (every publish on a long-lived topic reaches every node subscribed to it, exactly one first
 * delivery per node), and the profiles behave as documented (leaky subscriptions follow duties,
 * careful holds all 64 subnets, fanout when not subscribed, IDONTWANT-sized blocks).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SampleGossipProcessTest {

    @Test
    void groundTruthIsSelfConsistent(@TempDir Path dir) throws Exception {
        SampleNodeProcessTest.Run r = SampleNodeProcessTest.run(dir, "--peers", "5", "--gossip", "--duration", "12s",
                "--slot", "300ms", "--validators", "6", "--block-every", "3", "--bad-dials=false", "--streams", "0");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<JsonNode> gnodes = r.of("gossip-node");
        assertThat(gnodes).hasSize(5);
        assertThat(gnodes).extracting(n -> n.get("profile").asText()).containsExactly("default", "leaky", "careful", "flood", "default");
        Set<Integer> validators = new HashSet<>();
        Map<String, String> profileOf = new HashMap<>();
        for (JsonNode n : gnodes) {
            n.get("validators").forEach(v -> assertThat(validators.add(v.asInt())).isTrue());
            assertThat(n.get("backboneSubnets")).hasSize(2);
            profileOf.put(n.get("peerId").asText(), n.get("profile").asText());
        }
        assertThat(validators).hasSize(30);

        // replay subscriptions: who is subscribed to what, from which line on
        List<JsonNode> lines = r.events();
        Map<String, Set<String>> subscribed = new HashMap<>();
        Map<String, Map<String, Integer>> since = new HashMap<>();
        Map<String, Integer> publishLine = new HashMap<>();
        // the slot the first connection came up in: the clock starts with the nodes, connections follow
        // as fast as the machine allows, so "meshes had time to form" counts from there
        long slotNow = 0;
        long firstConnectionSlot = -1;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode e = lines.get(i);
            switch (e.path("event").asText()) {
                case "gossip-slot" -> slotNow = e.get("slot").asLong();
                case "connection" -> firstConnectionSlot = firstConnectionSlot < 0 ? slotNow : firstConnectionSlot;
                case "gossip-subscription" -> {
                    String peer = e.get("peerId").asText();
                    String topic = e.get("topic").asText();
                    if (e.get("subscribe").asBoolean()) {
                        subscribed.computeIfAbsent(peer, k -> new HashSet<>()).add(topic);
                        since.computeIfAbsent(peer, k -> new HashMap<>()).put(topic, i);
                    } else {
                        subscribed.get(peer).remove(topic);
                        since.get(peer).remove(topic);
                    }
                }
                case "gossip-publish" -> publishLine.put(e.get("messageId").asText(), i);
                default -> { }
            }
        }
        String careful = gnodes.get(2).get("peerId").asText();
        assertThat(r.of("gossip-subscription")).filteredOn(e -> e.get("peerId").asText().equals(careful)
                && e.get("topic").asText().contains("beacon_attestation_") && e.get("subscribe").asBoolean()).hasSize(64);

        // every publish of a block or aggregate (all nodes hold these topics from the start) after the
        // meshes had time to form reaches every other node exactly once as a first delivery
        List<JsonNode> publishes = r.of("gossip-publish");
        assertThat(publishes).extracting(p -> p.get("kind").asText()).contains("attestation", "aggregate", "block");
        // an attestation for a subnet none of the node's peers holds has nobody to go to (as in Teku);
        // everything else is sent
        // everything else is sent once the first connections and subscriptions are through (10 slots on)
        assertThat(firstConnectionSlot).as("a connection came up").isBetween(0L, 20L);
        long settled = firstConnectionSlot + 10;
        assertThat(publishes).allSatisfy(p -> assertThat(p.get("ok").asBoolean()
                || ((p.get("kind").asText().equals("attestation") || p.get("slot").asLong() < settled)
                        && p.get("error").asText().equals("NoPeersForOutboundMessageException")))
                .as(p.toString()).isTrue());
        Map<String, Map<String, Integer>> firsts = new HashMap<>();
        for (JsonNode d : r.of("gossip-delivery")) {
            if (d.get("first").asBoolean()) {
                firsts.computeIfAbsent(d.get("messageId").asText(), k -> new HashMap<>()).merge(d.get("peerId").asText(), 1, Integer::sum);
            }
        }
        int checked = 0;
        for (JsonNode p : publishes) {
            long slot = p.get("slot").asLong();
            String kind = p.get("kind").asText();
            // skip the first slots (meshes forming) and the last second (still in flight at exit)
            if (slot < settled || slot > 33 || kind.equals("attestation")) {
                continue;
            }
            Map<String, Integer> got = firsts.getOrDefault(p.get("messageId").asText(), Map.of());
            for (JsonNode n : gnodes) {
                String peer = n.get("peerId").asText();
                if (!peer.equals(p.get("peerId").asText())) {
                    assertThat(got.get(peer)).as("%s %s at %s", kind, p.get("messageId").asText(), profileOf.get(peer)).isEqualTo(1);
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
        // no node ever takes a message for new twice
        firsts.values().forEach(m -> m.values().forEach(c -> assertThat(c).isEqualTo(1)));
        // attestations of a node not subscribed to the subnet go out through fanout
        assertThat(publishes).anyMatch(p -> p.get("kind").asText().equals("attestation") && p.get("viaFanout").asBoolean());
        assertThat(publishes).filteredOn(p -> p.get("kind").asText().equals("block"))
                .allSatisfy(p -> assertThat(p.get("size").asInt()).isBetween(50 * 1024, 100 * 1024));

        // the leaky node's attestation subscriptions follow its duties: each of its attestations is
        // published while it is subscribed to that subnet for that duty, joined LEAKY_LEAD slot before
        JsonNode leaky = gnodes.get(1);
        String leakyPeer = leaky.get("peerId").asText();
        List<JsonNode> leakySubs = r.of("gossip-subscription").stream().filter(e -> e.get("peerId").asText().equals(leakyPeer)).toList();
        int dutyChecked = 0;
        for (JsonNode p : publishes) {
            if (!p.get("peerId").asText().equals(leakyPeer) || !p.get("kind").asText().equals("attestation")) {
                continue;
            }
            long slot = p.get("slot").asLong();
            if (slot <= EthGossipNetwork.LEAKY_LEAD) {
                continue;
            }
            Duties.Duty d = Duties.of(p.get("validator").asInt(), slot / Duties.SLOTS_PER_EPOCH);
            assertThat(d.slot()).isEqualTo(slot);
            assertThat(p.get("topic").asText()).endsWith("/beacon_attestation_" + d.subnet() + "/ssz_snappy");
            boolean heldAnyway = leakySubs.stream().anyMatch(s -> s.get("topic").asText().equals(p.get("topic").asText())
                    && s.get("reason").asText().equals("backbone"));
            if (!heldAnyway) {
                assertThat(p.get("viaFanout").asBoolean()).isFalse();
                assertThat(leakySubs).anyMatch(s -> s.get("topic").asText().equals(p.get("topic").asText())
                        && s.get("subscribe").asBoolean() && s.get("slot").asLong() <= slot - EthGossipNetwork.LEAKY_LEAD);
                dutyChecked++;
            }
        }
        assertThat(dutyChecked).isGreaterThanOrEqualTo(1);
        assertThat(leakySubs).anyMatch(s -> !s.get("subscribe").asBoolean() && s.get("reason").asText().startsWith("duty:"));
        assertThat(r.of("gossip-mesh")).isNotEmpty();
        JsonNode summary = r.of("summary").get(0);
        assertThat(summary.get("gossipPublishes").asLong()).isEqualTo(publishes.size());
        assertThat(summary.get("gossipPublishFailures").asLong()).isEqualTo(publishes.stream().filter(p -> !p.get("ok").asBoolean()).count());
        assertThat(summary.get("gossipDeliveries").asLong()).isEqualTo(r.of("gossip-delivery").stream().filter(d -> d.get("first").asBoolean()).count());
    }

    @Test
    void jsGossipPeersJoinTheNetwork(@TempDir Path dir) throws Exception {
        io.libp2p.interop.JsPeer.jsDir(); // fails with the npm command when js-libp2p is missing
        SampleNodeProcessTest.Run r = SampleNodeProcessTest.run(dir, "--peers", "3", "--gossip", "--js-peers", "2",
                "--js-dir", System.getProperty("js.peer.dir"), "--duration", "10s", "--slot", "300ms", "--block-every", "2",
                "--bad-dials=false", "--streams", "1");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<JsonNode> js = r.of("js");
        // both js peers (one dialled, one dialling) subscribe and receive the jvm nodes' blocks
        Set<Integer> receiving = new HashSet<>();
        for (JsonNode j : js) {
            if (j.path("data").path("event").asText().equals("gossip-message")
                    && j.path("data").path("topic").asText().endsWith("/beacon_block/ssz_snappy")) {
                receiving.add(j.get("index").asInt());
            }
        }
        assertThat(receiving).containsExactlyInAnyOrder(0, 1);
        Set<String> jsIds = new HashSet<>();
        js.stream().filter(j -> j.path("data").path("event").asText().equals("listening"))
                .forEach(j -> jsIds.add(j.path("data").path("peerId").asText()));
        assertThat(jsIds).hasSize(2);
        // the jvm nodes see the js peers' subscriptions through meshes with them
        assertThat(r.of("gossip-mesh")).anyMatch(m -> jsIds.contains(m.get("peer").asText()));
        assertThat(js).noneMatch(j -> j.path("data").path("event").asText().equals("error"));
    }
}
