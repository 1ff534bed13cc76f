package dev.privacyagent.bench;

import dev.privacyagent.sample.protocol.Echo;
import dev.privacyagent.sample.protocol.EchoController;
import io.libp2p.core.Connection;
import io.libp2p.core.Host;
import io.libp2p.core.dsl.HostBuilder;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.mux.StreamMuxerProtocol;
import io.libp2p.protocol.Identify;
import io.libp2p.protocol.Ping;
import io.libp2p.security.noise.NoiseXXSecureChannel;
import io.libp2p.transport.tcp.TcpTransport;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of {@link OverheadHarness}: two test-host nodes in one JVM, connected over
 * loopback TCP with Noise and yamux, and a stream-heavy workload on that connection: every stream
 * negotiates {@code /echo/1.0.0}, sends a small payload, half-closes and checks the echo. It
 * prints {@code MAIN <ms since JVM start>} as its very first action (start-up measurement) and
 * {@code READY} once connected.
 *
 * <pre>
 * throughput WARMUP STREAMS CONCURRENCY BYTES   echo WARMUP streams, then time STREAMS; prints
 *                                               RESULT streams=N nanos=T cpuNanos=C errors=E
 * startup                                       connect, one echo, exit
 * serve SECONDS INTERVAL_MS                     one echo every INTERVAL_MS for SECONDS (attach target)
 * </pre>
 */
public final class StreamWorkload {
  private static final long TIMEOUT_S = 60;

  private StreamWorkload() {}

  public static void main(String[] args) throws Exception {
    System.out.println("MAIN " + ManagementFactory.getRuntimeMXBean().getUptime());
    System.out.flush();
    String mode = args.length == 0 ? "" : args[0];
    Host server = host();
    Host client = host();
    int code;
    try {
      server.start().get(TIMEOUT_S, TimeUnit.SECONDS);
      client.start().get(TIMEOUT_S, TimeUnit.SECONDS);
      Multiaddr addr = server.listenAddresses().get(0).withP2P(server.getPeerId());
      Connection conn = client.getNetwork().connect(addr).get(TIMEOUT_S, TimeUnit.SECONDS);
      code =
          switch (mode) {
            case "throughput" -> throughput(client, conn, Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "startup" -> {
              long errors = run(client, conn, 1, 1, 64);
              System.out.println("READY");
              yield errors == 0 ? 0 : 1;
            }
            case "serve" -> serve(client, conn, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> {
              System.err.println("usage: StreamWorkload throughput|startup|serve ...");
              yield 2;
            }
          };
    } finally {
      client.stop().get(TIMEOUT_S, TimeUnit.SECONDS);
      server.stop().get(TIMEOUT_S, TimeUnit.SECONDS);
    }
    System.out.flush();
    System.exit(code);
  }

  private static Host host() {
    return new HostBuilder()
        .transport(TcpTransport::new)
        .secureChannel(NoiseXXSecureChannel::new)
        .muxer(StreamMuxerProtocol::getYamux)
        .protocol(new Ping(), new Identify(), new Echo())
        .listen("/ip4/127.0.0.1/tcp/0")
        .build();
  }

  private static int throughput(Host client, Connection conn, int warmup, int streams, int concurrency, int bytes)
      throws InterruptedException {
    long warmErrors = run(client, conn, warmup, concurrency, bytes);
    java.util.Map<String, Long> threads0 = cpuByThreadGroup();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    long errors = run(client, conn, streams, concurrency, bytes);
    long nanos = System.nanoTime() - t0;
    long cpu = processCpuNanos() - cpu0;
    java.util.Map<String, Long> threads1 = cpuByThreadGroup();
    StringBuilder perThread = new StringBuilder("THREADS cpu ms during the measured streams:");
    threads1.forEach((name, ns) -> {
      long d = (ns - threads0.getOrDefault(name, 0L)) / 1_000_000;
      if (d > 0) {
        perThread.append(' ').append(name).append('=').append(d);
      }
    });
    System.out.println(perThread);
    System.out.println("RESULT streams=" + streams + " nanos=" + nanos + " cpuNanos=" + cpu
        + " errors=" + (errors + warmErrors));
    return errors + warmErrors == 0 ? 0 : 1;
  }

  /** CPU time of the live threads, summed per name with digits folded ("libp2p-tcp#-io-#-#"). */
  static java.util.Map<String, Long> cpuByThreadGroup() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (ti != null) {
        long ns = mx.getThreadCpuTime(ti.getThreadId());
        if (ns > 0) {
          out.merge(ti.getThreadName().replaceAll("\\d+", "#"), ns, Long::sum);
        }
      }
    }
    return out;
  }

  /** CPU time of the whole process (every thread: the hosts' event loops and the agent's). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Echoes {@code n} streams with at most {@code concurrency} in flight; returns the failures. */
  static long run(Host client, Connection conn, int n, int concurrency, int bytes) throws InterruptedException {
    byte[] data = new byte[bytes];
    new Random(42).nextBytes(data);
    Semaphore inFlight = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(n);
    AtomicLong errors = new AtomicLong();
    for (int i = 0; i < n; i++) {
      inFlight.acquire();
      client.<EchoController>newStream(List.of(Echo.PROTOCOL_ID), conn).getController()
          .thenCompose(c -> c.echo(data))
          .orTimeout(TIMEOUT_S, TimeUnit.SECONDS)
          .whenComplete((back, err) -> {
            if (err != null || !Arrays.equals(back, data)) {
              if (errors.incrementAndGet() == 1) {
                System.err.println("stream failed: " + (err != null ? err : "echo differs"));
              }
            }
            inFlight.release();
            done.countDown();
          });
    }
    if (!done.await(TIMEOUT_S * 4, TimeUnit.SECONDS)) {
      throw new IllegalStateException(done.getCount() + " streams did not finish");
    }
    return errors.get();
  }

  private static int serve(Host client, Connection conn, int seconds, int intervalMs) throws InterruptedException {
    System.out.println("READY");
    System.out.flush();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long errors = 0;
    while (System.nanoTime() < end) {
      errors += run(client, conn, 1, 1, 64);
      Thread.sleep(intervalMs);
    }
    return errors == 0 ? 0 : 1;
  }
}
