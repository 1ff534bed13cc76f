package io.libp2p.hosttest;

import dev.privacyagent.sample.protocol.Echo;
import dev.privacyagent.sample.protocol.EchoController;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.Stream;
import io.libp2p.core.StreamPromise;
import io.libp2p.transport.quic.QuicStream;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multiformats.Protocol;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Diagnostic for the intermittent QUIC-host echo hang: many concurrent echo streams on one host QUIC connection,
 * dialer-opened, then one and then many listener-opened on the same connection, each phase with a deadline;
 * counts phases with a stream that never finished (hang) or finished wrong (failure). Optional
 * {@code -Dstress.loss=0.03 -Dstress.delayMs=3} put a lossy, reordering UDP proxy between the hosts (a loaded
 * machine's UDP); {@code -Dstress.reuse=true} keeps one connection for all iterations (stream credit).
 * Runs outside Maven too: {@code java -cp "$(cat target/stress-classpath.txt)" io.libp2p.hosttest.QuicStreamStress N streams timeoutMs}.
 */
public final class QuicStreamStress {
    static final double LOSS = Double.parseDouble(System.getProperty("stress.loss", "0"));
    static final int DELAY_MS = Integer.parseInt(System.getProperty("stress.delayMs", "0"));

    public static void main(String[] args) throws Exception {
        stress(Integer.parseInt(args.length > 0 ? args[0] : "50"), Integer.parseInt(args.length > 1 ? args[1] : "30"),
                Long.parseLong(args.length > 2 ? args[2] : "10000"));
    }

    /** Returns {hangs, failures} summed over the three phases. */
    static int[] stress(int iterations, int streams, long timeoutMs) throws Exception {
        int[] hangs = new int[3];
        int[] failures = new int[3];
        long start = System.currentTimeMillis();
        if (Boolean.getBoolean("stress.reuse")) {
            try (TestHosts hosts = new TestHosts()) {
                Host a = hosts.start(QuicHostTest.quicBuilder("Ed25519"));
                Host b = hosts.start(QuicHostTest.quicBuilder("Ed25519"));
                Connection conn = a.getNetwork().connect(TestHosts.dialAddr(b)).get(10, TimeUnit.SECONDS);
                for (int i = 0; i < 100 && b.getNetwork().getConnections().isEmpty(); i++) {
                    Thread.sleep(50);
                }
                Connection back = b.getNetwork().getConnections().get(0);
                for (int it = 0; it < iterations; it++) {
                    Random rnd = new Random(it);
                    run("dialer x" + streams, it, 0, a, conn, streams, rnd, timeoutMs, hangs, failures);
                    run("listener x1", it, 1, b, back, 1, rnd, timeoutMs, hangs, failures);
                    run("listener x" + streams, it, 2, b, back, streams, rnd, timeoutMs, hangs, failures);
                }
            }
        }
        for (int it = 0; it < iterations && !Boolean.getBoolean("stress.reuse"); it++) {
            try (TestHosts hosts = new TestHosts()) {
                Host a = hosts.start(QuicHostTest.quicBuilder("Ed25519"));
                Host b = hosts.start(QuicHostTest.quicBuilder("Ed25519"));
                Multiaddr target = TestHosts.dialAddr(b);
                LossyUdpProxy proxy = null;
                if (LOSS > 0 || DELAY_MS > 0) {
                    InetSocketAddress server = new InetSocketAddress("127.0.0.1",
                            target.getFirstComponent(Protocol.UDP) == null ? 0
                                    : Integer.parseInt(target.getFirstComponent(Protocol.UDP).getStringValue()));
                    proxy = new LossyUdpProxy(server, LOSS, DELAY_MS, it);
                    target = new Multiaddr("/ip4/127.0.0.1/udp/" + proxy.port() + "/quic-v1").withP2P(b.getPeerId());
                }
                Connection conn = a.getNetwork().connect(target).get(10, TimeUnit.SECONDS);
                Random rnd = new Random(it);
                run("dialer x" + streams, it, 0, a, conn, streams, rnd, timeoutMs, hangs, failures);
                for (int i = 0; i < 100 && b.getNetwork().getConnections().isEmpty(); i++) {
                    Thread.sleep(50);
                }
                Connection back = b.getNetwork().getConnections().get(0);
                run("listener x1", it, 1, b, back, 1, rnd, timeoutMs, hangs, failures);
                run("listener x" + streams, it, 2, b, back, streams, rnd, timeoutMs, hangs, failures);
                if (proxy != null) {
                    proxy.close();
                }
            }
        }
        System.out.printf("RESULT iterations=%d streams=%d hangs(dialer,listener1,listenerN)=%s failures=%s in %d ms%n",
                iterations, streams, Arrays.toString(hangs), Arrays.toString(failures), System.currentTimeMillis() - start);
        return new int[] {hangs[0] + hangs[1] + hangs[2], failures[0] + failures[1] + failures[2]};
    }

    private static void run(String phase, int it, int idx, Host h, Connection conn, int n, Random rnd, long timeoutMs,
            int[] hangs, int[] failures) throws Exception {
        List<byte[]> payloads = new ArrayList<>();
        List<StreamPromise<EchoController>> promises = new ArrayList<>();
        List<CompletableFuture<byte[]>> echoes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] data = new byte[n == 1 ? 70_000 : i % 10 == 0 ? 600_000 : 2048 + i * 101];
            rnd.nextBytes(data);
            payloads.add(data);
            StreamPromise<EchoController> p = h.<EchoController>newStream(List.of(Echo.PROTOCOL_ID), conn);
            promises.add(p);
            echoes.add(p.getController().thenCompose(c -> c.echo(data)));
        }
        long deadline = System.currentTimeMillis() + timeoutMs;
        boolean hung = false;
        boolean failed = false;
        for (int i = 0; i < n; i++) {
            try {
                byte[] got = echoes.get(i).get(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                if (!Arrays.equals(got, payloads.get(i))) {
                    failed = true;
                    System.out.printf("iteration %d %s stream %d: wrong echo (%d bytes of %d)%n", it, phase, i, got.length,
                            payloads.get(i).length);
                }
            } catch (TimeoutException e) {
                hung = true;
                System.out.printf("iteration %d %s stream %d HUNG: %s%n", it, phase, i, describe(promises.get(i)));
            } catch (Exception e) {
                failed = true;
                System.out.printf("iteration %d %s stream %d failed: %s%n", it, phase, i, e);
            }
        }
        if (hung) {
            hangs[idx]++;
        }
        if (failed) {
            failures[idx]++;
        }
    }

    private static String describe(StreamPromise<EchoController> p) {
        Stream s = p.getStream().getNow(null);
        if (!(s instanceof QuicStream q)) {
            return "no stream yet (" + p.getStream() + "), controller " + p.getController();
        }
        QuicStreamChannel ch = q.getQuicStreamChannel();
        return "id=" + ch.streamId() + " open=" + ch.isOpen() + " active=" + ch.isActive() + " inShut=" + ch.isInputShutdown()
                + " outShut=" + ch.isOutputShutdown() + " writable=" + ch.isWritable() + " pending="
                + ch.unsafe().outboundBuffer() + " protocol=" + q.getProtocol() + " controller=" + p.getController()
                + " pipeline=" + ch.pipeline().names();
    }

    /** Lets the loop run outside Maven: writes the test class path once (surefire knows it). */
    static void writeClassPath() throws Exception {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp != null) {
            Files.writeString(Path.of("target", "stress-classpath.txt"), cp);
        }
    }

    /** Forwards one client's datagrams to the server and back, dropping and delaying some: a loaded machine's UDP. */
    static final class LossyUdpProxy implements AutoCloseable {
        private final DatagramSocket front;
        private final DatagramSocket back;
        private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor();
        private volatile SocketAddress client;

        LossyUdpProxy(InetSocketAddress server, double loss, int delayMs, long seed) throws Exception {
            front = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            back = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            back.connect(server);
            Random rnd = new Random(seed * 31 + 1);
            pump(front, loss, delayMs, new Random(rnd.nextLong()), true, server);
            pump(back, loss, delayMs, new Random(rnd.nextLong()), false, server);
        }

        int port() {
            return front.getLocalPort();
        }

        private void pump(DatagramSocket from, double loss, int delayMs, Random rnd, boolean toServer, InetSocketAddress server) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                while (!from.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        from.receive(p);
                        if (toServer) {
                            client = p.getSocketAddress();
                        }
                        if (rnd.nextDouble() < loss) {
                            continue;
                        }
                        byte[] copy = Arrays.copyOf(p.getData(), p.getLength());
                        Runnable send = () -> {
                            try {
                                if (toServer) {
                                    back.send(new DatagramPacket(copy, copy.length));
                                } else if (client != null) {
                                    front.send(new DatagramPacket(copy, copy.length, client));
                                }
                            } catch (Exception ignored) {
                                // closed
                            }
                        };
                        if (delayMs > 0) {
                            delayer.schedule(send, rnd.nextInt(delayMs + 1), TimeUnit.MILLISECONDS);
                        } else {
                            send.run();
                        }
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "lossy-udp-proxy");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            front.close();
            back.close();
            delayer.shutdownNow();
        }
    }
}
