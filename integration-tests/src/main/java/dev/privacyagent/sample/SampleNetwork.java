package dev.privacyagent.sample;

import dev.privacyagent.sample.protocol.Echo;
import dev.privacyagent.sample.protocol.EchoController;
import identify.pb.IdentifyOuterClass;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multiformats.Protocol;
import io.libp2p.core.multistream.NegotiatedIds;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.protocol.Identify;
import io.libp2p.protocol.IdentifyController;
import io.libp2p.protocol.Ping;
import io.libp2p.protocol.PingController;
import io.libp2p.security.tls.TlsSecureChannel;
import io.libp2p.transport.quic.QuicTransport;
import io.libp2p.transport.tcp.TcpTransport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import io.libp2p.core.multistream.ProtocolBinding;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The sample's nodes and what they do: every node serves ping, identify and echo; node i dials node
 * 0 and node i-1; on every connection it dials, a node runs identify once, opens echo streams and
 * pings on its heartbeat. All work runs on the sample's scheduler, never on the hosts' event loops.
 */
final class SampleNetwork implements AutoCloseable {
    static final Duration OP_TIMEOUT = Duration.ofSeconds(10);

    record Node(int index, Host host, NodeProfile profile) {
        PeerId id() {
            return host.getPeerId();
        }

        /** Its TCP address (every node listens on TCP). */
        Multiaddr dialAddr() {
            return tcpAddr();
        }

        /** Where {@code from} dials it: its QUIC address if it listens on QUIC and {@code from} can dial QUIC, else TCP. */
        Multiaddr dialAddrFrom(Node from) {
            boolean fromDialsQuic = from.host.getNetwork().getTransports().stream().anyMatch(t -> t instanceof QuicTransport);
            return host.listenAddresses().stream().filter(a -> fromDialsQuic && a.has(Protocol.QUICV1)).findFirst()
                    .map(a -> a.withP2P(host.getPeerId())).orElse(tcpAddr());
        }

        Multiaddr tcpAddr() {
            return host.listenAddresses().stream().filter(a -> a.has(Protocol.TCP)).findFirst().orElseThrow()
                    .withP2P(host.getPeerId());
        }
    }

    /** @param security and {@code transports} assigned to nodes in turn by index */
    record Settings(Duration pingInterval, int streams, int streamBytes, Duration streamInterval, List<NodeSecurity> security,
            List<NodeTransport> transports) {
        NodeSecurity securityOf(int index) {
            return security.isEmpty() ? NodeSecurity.NOISE : security.get(index % security.size());
        }

        NodeTransport transportOf(int index) {
            return transports.isEmpty() ? NodeTransport.TCP : transports.get(index % transports.size());
        }

        boolean anyQuic() {
            return transports.contains(NodeTransport.QUIC);
        }
    }

    private final Settings settings;
    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "sample-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final Random random = new Random();
    final AtomicLong pings = new AtomicLong();
    final AtomicLong pingFailures = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong echoStreams = new AtomicLong();
    final AtomicLong identifies = new AtomicLong();
    final AtomicLong dialFailures = new AtomicLong();

    SampleNetwork(Settings settings) {
        this.settings = settings;
    }

    List<Node> nodes() {
        return nodes;
    }

    Node startNode(int index, NodeProfile p, String listen, ProtocolBinding<?>... extraProtocols) throws Exception {
        NodeSecurity security = settings.securityOf(index);
        List<BiFunction<PrivKey, List<StreamMuxer>, SecureChannel>> secure = security.channels(p.plaintextOnly());
        @SuppressWarnings("unchecked")
        BiFunction<PrivKey, List<StreamMuxer>, SecureChannel>[] secureArray = secure.toArray(new BiFunction[0]);
        HostBuilder b = new HostBuilder()
                .transport(TcpTransport::new)
                .secureChannel(secureArray)
                .muxer(StreamMuxerProtocol::getYamux)
                .protocol(new Ping(), new Identify(), new Echo())
                .protocol(extraProtocols)
                .listen(listen);
        if (settings.anyQuic() && !p.plaintextOnly()) {
            b.secureTransport(QuicTransport::Ed25519);
            if (settings.transportOf(index) == NodeTransport.QUIC) {
                b.listen(NodeTransport.QUIC_LISTEN);
            }
        }
        Host host = b
                .announce(p.announce().toArray(new String[0]))
                .agentVersion(p.agentVersion())
                .build();
        Node node = new Node(index, host, p);
        host.addConnectionHandler(conn -> scheduler.execute(() -> onConnection(node, conn)));
        host.start().get(OP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        nodes.add(node);
        Json.event("node").put("kind", "jvm").put("index", index).put("peerId", host.getPeerId().toBase58())
                .put("listenAddrs", host.listenAddresses().stream().map(Multiaddr::toString).toList())
                .put("agentVersion", p.agentVersion())
                .put("security", security.ids(p.plaintextOnly()))
                .put("announce", p.announce())
                .put("heartbeat", p.strictHeartbeat() ? "strict" : "jittered")
                .print();
        return node;
    }

    private void onConnection(Node node, Connection conn) {
        connections.incrementAndGet();
        List<String> ids = NegotiatedIds.of(conn);
        PeerId remote = conn.secureSession().getRemoteId();
        boolean quic = conn.transport() instanceof QuicTransport;
        // QUIC negotiates neither: its TLS 1.3 handshake carries libp2p TLS, its streams are native
        String security = quic ? TlsSecureChannel.announce : ids.isEmpty() ? null : ids.get(0);
        String muxer = quic || ids.size() < 2 ? null : ids.get(1);
        Json.event("connection").put("node", node.index()).put("from", node.id().toBase58()).put("to", remote.toBase58())
                .put("direction", conn.isInitiator() ? "outbound" : "inbound")
                .put("transport", quic ? "quic-v1" : "tcp")
                .put("localAddr", conn.localAddress().toString()).put("remoteAddr", conn.remoteAddress().toString())
                .put("security", security).put("muxer", muxer)
                .print();
        conn.closeFuture().whenComplete((u, t) -> Json.event("connection-closed").put("node", node.index())
                .put("from", node.id().toBase58()).put("to", remote.toBase58()).print());
    }

    /** Dials {@code addr} from {@code node}; on success runs the workload on the new connection. */
    CompletableFuture<Connection> dial(Node node, Multiaddr addr, String expectFailure) {
        CompletableFuture<Connection> f;
        try {
            f = node.host().getNetwork().connect(addr);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.orTimeout(OP_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS).whenComplete((conn, err) -> {
            if (err != null) {
                dialFailures.incrementAndGet();
                Throwable cause = unwrap(err);
                Json.event("dial-failed").put("node", node.index()).put("from", node.id().toBase58())
                        .put("addr", addr.toString()).put("expected", expectFailure)
                        .put("errorClass", cause.getClass().getName()).put("message", String.valueOf(cause.getMessage()))
                        .print();
            } else if (expectFailure == null) {
                scheduler.execute(() -> exercise(node, conn));
            } else {
                conn.close();
            }
        });
    }

    private void exercise(Node node, Connection conn) {
        PeerId remote = conn.secureSession().getRemoteId();
        node.host().<IdentifyController>newStream(List.of("/ipfs/id/1.0.0"), conn).getController()
                .thenCompose(IdentifyController::id)
                .orTimeout(OP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((msg, err) -> printIdentify(node, remote, msg, err));
        for (int i = 0; i < settings.streams(); i++) {
            echo(node, conn, remote);
        }
        if (settings.streamInterval() != null && !settings.streamInterval().isZero()) {
            long ms = settings.streamInterval().toMillis();
            scheduleWhileOpen(conn, () -> echo(node, conn, remote), ms, () -> ms);
        }
        node.host().<PingController>newStream(List.of("/ipfs/ping/1.0.0"), conn).getController()
                .orTimeout(OP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((pc, err) -> {
                    if (err != null) {
                        pingFailures.incrementAndGet();
                        printError(node, remote, "ping", err);
                        return;
                    }
                    long interval = settings.pingInterval().toMillis();
                    Runnable ping = () -> {
                        long sentAt = System.currentTimeMillis();
                        pc.ping().orTimeout(OP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .whenComplete((rtt, e) -> {
                                if (e != null) {
                                    pingFailures.incrementAndGet();
                                    if (conn.closeFuture().isDone()) {
                                        return;
                                    }
                                    printError(node, remote, "ping", e);
                                } else {
                                    pings.incrementAndGet();
                                    Json.event("ping").put("node", node.index()).put("from", node.id().toBase58())
                                            .put("to", remote.toBase58()).put("rttMs", rtt).put("sentAtMs", sentAt).print();
                                }
                            });
                    };
                    if (node.profile().strictHeartbeat()) {
                        // a fixed-rate timer: the fingerprintable schedule the timing detector should find
                        java.util.concurrent.ScheduledFuture<?> timer =
                                scheduler.scheduleAtFixedRate(ping, interval, interval, TimeUnit.MILLISECONDS);
                        conn.closeFuture().whenComplete((u, t) -> timer.cancel(false));
                    } else {
                        scheduleWhileOpen(conn, ping, jitter(interval), () -> jitter(interval));
                    }
                });
    }

    private long jitter(long interval) {
        return Math.max(1, (long) (interval * (0.5 + random.nextDouble())));
    }

    /** Runs {@code task} after {@code firstDelay} and then after each {@code nextDelay} until the connection closes. */
    private void scheduleWhileOpen(Connection conn, Runnable task, long firstDelay, java.util.function.LongSupplier nextDelay) {
        scheduler.schedule(() -> {
            if (conn.closeFuture().isDone() || scheduler.isShutdown()) {
                return;
            }
            try {
                task.run();
            } finally {
                if (!scheduler.isShutdown()) {
                    scheduleWhileOpen(conn, task, nextDelay.getAsLong(), nextDelay);
                }
            }
        }, firstDelay, TimeUnit.MILLISECONDS);
    }

    private void echo(Node node, Connection conn, PeerId remote) {
        byte[] data = new byte[settings.streamBytes()];
        random.nextBytes(data);
        node.host().<EchoController>newStream(List.of(Echo.PROTOCOL_ID), conn).getController()
                .thenCompose(c -> c.echo(data))
                .orTimeout(OP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((back, err) -> {
                    if (err != null) {
                        if (!conn.closeFuture().isDone()) {
                            printError(node, remote, "stream", err);
                        }
                        return;
                    }
                    echoStreams.incrementAndGet();
                    Json.event("stream").put("node", node.index()).put("from", node.id().toBase58())
                            .put("to", remote.toBase58()).put("protocol", Echo.PROTOCOL_ID)
                            .put("bytes", data.length).put("ok", Arrays.equals(data, back)).print();
                });
    }

    private void printIdentify(Node node, PeerId remote, IdentifyOuterClass.Identify msg, Throwable err) {
        if (err != null) {
            printError(node, remote, "identify", err);
            return;
        }
        identifies.incrementAndGet();
        List<String> listen = new ArrayList<>();
        msg.getListenAddrsList().forEach(b -> listen.add(safeAddr(b.toByteArray())));
        Json.event("identify").put("node", node.index()).put("from", node.id().toBase58()).put("to", remote.toBase58())
                .put("agentVersion", msg.getAgentVersion()).put("protocolVersion", msg.getProtocolVersion())
                .put("protocols", msg.getProtocolsList()).put("listenAddrs", listen)
                .put("observedAddr", msg.hasObservedAddr() ? safeAddr(msg.getObservedAddr().toByteArray()) : null)
                .print();
    }

    private static String safeAddr(byte[] b) {
        try {
            return Multiaddr.deserialize(b).toString();
        } catch (RuntimeException e) {
            return "unparseable(" + b.length + " bytes)";
        }
    }

    private static void printError(Node node, PeerId remote, String stage, Throwable err) {
        Throwable cause = unwrap(err);
        Json.event("error").put("node", node.index()).put("from", node.id().toBase58()).put("to", remote.toBase58())
                .put("stage", stage).put("errorClass", cause.getClass().getName())
                .put("message", String.valueOf(cause.getMessage())).print();
    }

    static Throwable unwrap(Throwable t) {
        Throwable x = t;
        while (x instanceof CompletionException && x.getCause() != null) {
            x = x.getCause();
        }
        return x;
    }

    /**
     * A dead address and a live address with the wrong peer id. The dead port stays bound by a
     * socket that never listens until the dial has failed, so no other process (nor the dial
     * itself, by a TCP self-connect) can make it live: the dial is refused every time.
     */
    void badDials(Node from, Node target) throws Exception {
        try (Socket reserved = new Socket()) {
            reserved.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Multiaddr dead = new Multiaddr("/ip4/127.0.0.1/tcp/" + reserved.getLocalPort()).withP2P(PeerId.fromPubKey(
                    io.libp2p.core.crypto.KeyKt.generateKeyPair(crypto.pb.Crypto.KeyType.Ed25519).getSecond()));
            try {
                dial(from, dead, "dead-address").join();
            } catch (CompletionException expected) {
                // reported by dial() as a dial-failed line
            }
        }
        Multiaddr wrong = target.host().listenAddresses().get(0)
                .withP2P(PeerId.fromPubKey(io.libp2p.core.crypto.KeyKt.generateKeyPair(crypto.pb.Crypto.KeyType.Ed25519).getSecond()));
        dial(from, wrong, "wrong-peer-id");
    }

    /** A peer leaves: its host stops (closing its connections) and it is no longer one of the nodes. */
    void retire(Node node) {
        nodes.remove(node);
        try {
            node.host().stop().get(OP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Json.event("error").put("stage", "retire").put("message", String.valueOf(e)).print();
        }
        Json.event("node-stopped").put("index", node.index()).put("peerId", node.id().toBase58()).print();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Node n : nodes) {
            stops.add(n.host().stop());
        }
        try {
            CompletableFuture.allOf(stops.toArray(new CompletableFuture[0])).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            Json.event("error").put("stage", "stop").put("message", String.valueOf(e)).print();
        }
    }
}
