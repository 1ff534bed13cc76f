package dev.privacyagent.sample.gossip;

import dev.privacyagent.sample.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The slot clock of the Ethereum-like gossip profile. Each slot: validators with a duty attest on
 * their committee's subnet (through fanout when the node is not subscribed); aggregators join their
 * duty subnet {@link #AGGREGATOR_LEAD} slots ahead, publish an aggregate and leave one slot after;
 * leaky nodes also join every attestation duty subnet {@link #LEAKY_LEAD} slot ahead and leave one
 * slot after; every {@code blockEvery} slots the proposer's node publishes a 50–100 KiB block.
 */
public final class EthGossipNetwork implements AutoCloseable {
    public static final int AGGREGATOR_LEAD = 2;
    public static final int LEAKY_LEAD = 1;

    /** The gossip profile's settings. */
    public record Settings(Duration slot, int validatorsPerNode, String forkDigest, List<GossipProfile> profiles, int blockEvery) {
    }

    private final Settings settings;
    private final EthTopics topics;
    private final List<EthGossipNode> nodes = new ArrayList<>();
    private final EthGossipNode.Counters counters = new EthGossipNode.Counters();
    private final Random random = new Random();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gossip-slot-clock");
        t.setDaemon(true);
        return t;
    });
    private long slot;

    public EthGossipNetwork(Settings settings) {
        this.settings = settings;
        this.topics = new EthTopics(settings.forkDigest());
    }

    public EthTopics topics() {
        return topics;
    }

    public EthGossipNode.Counters counters() {
        return counters;
    }

    /** The gossip of the node with {@code index}; its validators are the next {@code validatorsPerNode} indices. */
    public EthGossipNode newNode(int index) {
        List<Integer> vs = new ArrayList<>();
        for (int v = 0; v < settings.validatorsPerNode(); v++) {
            vs.add(index * settings.validatorsPerNode() + v);
        }
        GossipProfile p = settings.profiles().get(index % settings.profiles().size());
        EthGossipNode n = new EthGossipNode(index, p, topics, vs, counters);
        nodes.add(n);
        return n;
    }

    /** Starts the clock: slot 1 begins one slot from now. */
    public void start() {
        long ms = settings.slot().toMillis();
        clock.scheduleAtFixedRate(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    private int totalValidators() {
        return nodes.size() * settings.validatorsPerNode();
    }

    private void tick() {
        try {
            long s = ++slot;
            long epoch = s / Duties.SLOTS_PER_EPOCH;
            Json.event("gossip-slot").put("slot", s).put("epoch", epoch).print();
            for (EthGossipNode n : nodes) {
                for (int v : n.validators()) {
                    for (long e = epoch; e <= epoch + 1; e++) {
                        subscriptionsFor(n, Duties.of(v, e), s);
                    }
                    Duties.Duty d = Duties.of(v, epoch);
                    if (d.slot() == s) {
                        n.publish("attestation", topics.attestation(d.subnet()), payload("attestation", s, v, d.subnet(), 220), s, v);
                        if (d.aggregator()) {
                            n.publish("aggregate", topics.aggregate(), payload("aggregate", s, v, d.subnet(), 440), s, v);
                        }
                    }
                }
            }
            if (settings.blockEvery() > 0 && s % settings.blockEvery() == 0 && totalValidators() > 0) {
                int proposer = Duties.proposer(s, totalValidators());
                EthGossipNode owner = nodes.get(proposer / settings.validatorsPerNode());
                int size = 50 * 1024 + random.nextInt(50 * 1024 + 1);
                owner.publish("block", topics.block(), payload("block", s, proposer, -1, size), s, proposer);
            }
        } catch (RuntimeException e) {
            Json.event("error").put("stage", "gossip-slot").put("message", String.valueOf(e)).print();
        }
    }

    private void subscriptionsFor(EthGossipNode n, Duties.Duty d, long s) {
        String topic = topics.attestation(d.subnet());
        String reason = "duty:" + d.validator() + ":" + d.epoch();
        boolean leaky = n.profile() == GossipProfile.LEAKY;
        boolean aggregating = d.aggregator() && n.profile() != GossipProfile.CAREFUL;
        long lead = aggregating ? AGGREGATOR_LEAD : LEAKY_LEAD;
        if ((!leaky && !aggregating) || d.slot() - lead < 1) {
            return; // no duty subscription before the clock's first slot
        }
        if (s == d.slot() - lead) {
            n.subscribe(topic, reason, s);
        } else if (s == d.slot() + 1) {
            n.unsubscribe(topic, reason, s);
        }
    }

    private byte[] payload(String kind, long s, int validator, int subnet, int size) {
        byte[] head = (kind + " slot=" + s + " validator=" + validator + " subnet=" + subnet + " nonce=" + Long.toHexString(random.nextLong()) + " ")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] b = new byte[Math.max(size, head.length)];
        random.nextBytes(b);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (EthGossipNode n : nodes) {
            n.gossip().getRouter().shutdown();
        }
    }
}
