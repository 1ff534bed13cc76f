package dev.privacyagent.sample;

import io.libp2p.core.multiformats.Multiaddr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import dev.privacyagent.sample.gossip.EthGossipNetwork;
import dev.privacyagent.sample.gossip.EthGossipNode;
import dev.privacyagent.sample.gossip.GossipProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A small, realistic libp2p network in one JVM on the jvm-libp2p-compatible test host: the demo and
 * end-to-end target of the privacy agent. Prints JSON lines (nodes, connections, identify results,
 * pings, streams, dial failures) on stdout as ground truth, and exits cleanly.
 */
@Command(name = "sample-node", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs N jvm-libp2p test-host nodes (and optionally js-libp2p peers) that connect, "
                + "identify, ping and stream; prints JSON lines on stdout.")
public final class SampleNode implements Callable<Integer> {

    @Option(names = "--peers", defaultValue = "4", description = "JVM nodes in this process (default ${DEFAULT-VALUE})")
    int peers;

    @Option(names = "--listen", defaultValue = "/ip4/127.0.0.1/tcp/0",
            description = "listen address of node 0 (default ${DEFAULT-VALUE}); the others use /ip4/127.0.0.1/tcp/0")
    String listen;

    @Option(names = "--dial", description = "multiaddr (with /p2p/<peer id>) that node 0 dials; repeatable")
    List<String> dial = new ArrayList<>();

    @Option(names = "--ping-interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "heartbeat on each dialled connection (default ${DEFAULT-VALUE}; exact on the strict node, jittered +-50%% elsewhere)")
    Duration pingInterval;

    @Option(names = "--duration", defaultValue = "10s", converter = DurationConverter.class,
            description = "how long to run before a clean exit (default ${DEFAULT-VALUE}; 0 = until interrupted)")
    Duration duration;

    @Option(names = "--js-peers", defaultValue = "0", description = "js-libp2p peers to spawn with node (default ${DEFAULT-VALUE})")
    int jsPeers;

    @Option(names = "--js-dir", description = "folder of the js peer (default: integration-tests/js or js under the working directory)")
    Path jsDir;

    @Option(names = "--streams", defaultValue = "1", description = "echo streams per dialled connection at start (default ${DEFAULT-VALUE})")
    int streams;

    @Option(names = "--stream-bytes", defaultValue = "4096", description = "bytes per echo stream (default ${DEFAULT-VALUE})")
    int streamBytes;

    @Option(names = "--stream-interval", converter = DurationConverter.class,
            description = "also open one echo stream per dialled connection at this interval (default: off)")
    Duration streamInterval;

    @Option(names = "--churn", converter = DurationConverter.class,
            description = "soak churn: every D a new peer joins and dials node 0, and the peer that joined "
                    + Churn.LIVE + " rounds earlier leaves (default: off)")
    Duration churn;

    @Option(names = "--bad-dials", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "node 0 dials a dead address and a wrong peer id once (default: on)")
    boolean badDials;

    @Option(names = "--security", defaultValue = "noise", split = ",",
            description = "security per node, assigned to nodes in turn: noise (offers /noise, accepts /tls/1.0.0 too) "
                + "or tls (only /tls/1.0.0), e.g. noise,noise,tls (default ${DEFAULT-VALUE})")
    List<String> security;

    @Option(names = "--transport", defaultValue = "tcp", split = ",",
            description = "transport per node, assigned to nodes in turn: tcp, or quic (also listens on /udp/N/quic-v1, "
                + "where the other JVM nodes dial it), e.g. tcp,tcp,quic (default ${DEFAULT-VALUE})")
    List<String> transport;

    @Option(names = "--gossip", description = "run the Ethereum-like gossip profile on every node (see docs/testbed.md)")
    boolean gossip;

    @Option(names = "--slot", defaultValue = "1s", converter = DurationConverter.class,
            description = "gossip: slot duration (default ${DEFAULT-VALUE}; epochs are 32 slots)")
    Duration slot;

    @Option(names = "--validators", defaultValue = "8", description = "gossip: validators hosted per node (default ${DEFAULT-VALUE})")
    int validators;

    @Option(names = "--gossip-profiles", defaultValue = "default,leaky,careful,flood", split = ",",
            description = "gossip: node profiles, assigned to nodes in turn (default ${DEFAULT-VALUE})")
    List<String> gossipProfiles;

    @Option(names = "--block-every", defaultValue = "4", description = "gossip: a block every N slots (default ${DEFAULT-VALUE}; 0 = none)")
    int blockEvery;

    @Option(names = "--fork-digest", defaultValue = "00000000", description = "gossip: fork digest in topic names (default ${DEFAULT-VALUE})")
    String forkDigest;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = new CommandLine(new SampleNode()).execute(args);
        System.exit(code);
    }

    private void validate() {
        if (peers < 1 || peers > 500) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--peers must be between 1 and 500, got " + peers);
        }
        if (jsPeers < 0 || jsPeers > 50) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--js-peers must be between 0 and 50, got " + jsPeers);
        }
        if (streams < 0 || streamBytes < 1 || streamBytes > 16 * 1024 * 1024) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--streams must be >= 0 and --stream-bytes in 1..16777216");
        }
        if (pingInterval.toMillis() < 10) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ping-interval must be at least 10ms");
        }
        if (gossip) {
            if (slot.toMillis() < 50) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--slot must be at least 50ms");
            }
            if (validators < 0 || validators > 10_000 || blockEvery < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--validators must be in 0..10000 and --block-every >= 0");
            }
            if (!forkDigest.matches("[0-9a-f]{8}")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--fork-digest must be 8 lowercase hex digits");
            }
            try {
                gossipProfiles.forEach(GossipProfile::parse);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        try {
            transport.forEach(NodeTransport::parse);
            security.forEach(NodeSecurity::parse);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            new Multiaddr(listen);
            for (String d : dial) {
                if (new Multiaddr(d).getPeerId() == null) {
                    throw new IllegalArgumentException("--dial address needs a /p2p/<peer id> component: " + d);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Path resolveJsDir() {
        if (jsDir != null) {
            return jsDir;
        }
        for (String c : List.of("integration-tests/js", "js", "../js")) {
            if (Files.isRegularFile(Path.of(c, "peer.mjs"))) {
                return Path.of(c);
            }
        }
        return Path.of("integration-tests/js");
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Path js = null;
        if (jsPeers > 0) {
            js = resolveJsDir();
            try {
                JsPeers.checkReady(js);
            } catch (IllegalStateException e) {
                System.err.println("sample-node: " + e.getMessage());
                return 2;
            }
        }
        SampleNetwork.Settings settings = new SampleNetwork.Settings(pingInterval, streams, streamBytes, streamInterval,
                security.stream().map(NodeSecurity::parse).toList(), transport.stream().map(NodeTransport::parse).toList());
        SampleNetwork net = new SampleNetwork(settings);
        EthGossipNetwork gnet = gossip ? new EthGossipNetwork(new EthGossipNetwork.Settings(slot, validators, forkDigest,
                gossipProfiles.stream().map(GossipProfile::parse).toList(), blockEvery)) : null;
        JsPeers jsp = new JsPeers(gnet == null ? List.of() : List.of("--topic", gnet.topics().block(),
                "--topic", gnet.topics().aggregate(), "--sign-policy", "nosign", "--heartbeat-ms", "700"));
        try (net; jsp; AutoCloseable gossipClock = gnet == null ? () -> { } : gnet) {
            Runtime.getRuntime().addShutdownHook(new Thread(jsp::close, "sample-js-cleanup"));
            List<SampleNetwork.Node> nodes = new ArrayList<>();
            for (int i = 0; i < peers; i++) {
                String addr = i == 0 ? listen : "/ip4/127.0.0.1/tcp/0";
                if (gnet == null) {
                    nodes.add(net.startNode(i, NodeProfile.forIndex(i), addr));
                } else {
                    EthGossipNode g = gnet.newNode(i);
                    SampleNetwork.Node n = net.startNode(i, NodeProfile.forIndex(i), addr, g.gossip());
                    g.start(n.id());
                    nodes.add(n);
                }
            }
            for (int i = 1; i < peers; i++) {
                net.dial(nodes.get(i), nodes.get(0).dialAddrFrom(nodes.get(i)), null);
                if (i - 1 != 0) {
                    net.dial(nodes.get(i), nodes.get(i - 1).dialAddrFrom(nodes.get(i)), null);
                }
            }
            for (String d : dial) {
                net.dial(nodes.get(0), new Multiaddr(d), null);
            }
            if (badDials && peers > 1) {
                net.badDials(nodes.get(0), nodes.get(1));
            }
            for (int i = 0; i < jsPeers; i++) {
                try {
                    if (i % 2 == 0) {
                        Multiaddr addr = jsp.startListener(i, js).get();
                        net.dial(nodes.get(0), addr, null);
                    } else {
                        jsp.startDialer(i, js, nodes.get(0).dialAddr(), 3, Math.max(1, streams));
                    }
                } catch (java.io.IOException e) {
                    System.err.println("sample-node: cannot start the js peer with `node` (is Node.js installed?): " + e.getMessage());
                    return 2;
                } catch (java.util.concurrent.ExecutionException e) {
                    Json.event("error").put("stage", "js-peer").put("index", i)
                            .put("message", "js peer did not report a listen address: " + e.getCause()).print();
                }
            }
            if (gnet != null) {
                gnet.start();
            }
            Churn churner = new Churn(net, nodes.get(0));
            if (churn != null && !churn.isZero()) {
                churner.start(churn.toMillis());
            }
            try (churner) {
                if (duration.isZero()) {
                    Thread.currentThread().join();
                } else {
                    Thread.sleep(duration.toMillis());
                }
            }
        }
        // after every host has stopped, so the counts match the lines printed above
        Json.event("summary").put("nodes", peers).put("jsPeers", jsPeers).put("connections", net.connections.get())
                    .put("pings", net.pings.get()).put("pingFailures", net.pingFailures.get())
                    .put("identifies", net.identifies.get()).put("echoStreams", net.echoStreams.get())
                    .put("dialFailures", net.dialFailures.get())
                    .put("gossipPublishes", gnet == null ? 0 : gnet.counters().publishes().get())
                    .put("gossipPublishFailures", gnet == null ? 0 : gnet.counters().publishFailures().get())
                    .put("gossipDeliveries", gnet == null ? 0 : gnet.counters().deliveries().get())
                    .put("gossipDuplicates", gnet == null ? 0 : gnet.counters().duplicates().get()).print();
        Json.event("stopped").print();
        return 0;
    }
}
