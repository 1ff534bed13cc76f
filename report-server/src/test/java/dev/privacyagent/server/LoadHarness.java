package dev.privacyagent.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load run on loopback: N clients, each on its own keep-alive connection, send a fixed
 * mix of GET requests (report, metrics, peers, healthz) until the total is reached. Counts every
 * non-200 answer or I/O failure as an error and reports throughput and latency percentiles.
 * It measures; it asserts nothing about speed.
 */
final class LoadHarness {
  static final String[] PATHS = {"/api/report", "/metrics", "/api/peers", "/healthz"};

  record Result(int clients, int requests, long errors, double seconds, double requestsPerSecond,
      double p50Millis, double p99Millis, double maxMillis) {
    String describe() {
      return String.format(Locale.ROOT,
          "clients=%d requests=%d errors=%d wall=%.2fs throughput=%.0f req/s p50=%.2fms "
              + "p99=%.2fms max=%.2fms", clients, requests, errors, seconds, requestsPerSecond,
          p50Millis, p99Millis, maxMillis);
    }
  }

  static Result run(int port, int clients, int total) throws Exception {
    int perClient = total / clients;
    long[][] latencies = new long[clients][perClient];
    AtomicLong errors = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<?>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      final int id = c;
      futures.add(pool.submit(() -> {
        RawHttp conn = null;
        for (int i = 0; i < perClient; i++) {
          String path = PATHS[(id + i) % PATHS.length];
          long t0 = System.nanoTime();
          try {
            if (conn == null) {
              conn = new RawHttp(port);
            }
            conn.send(RawHttp.get(port, path));
            RawHttp.Response r = conn.read();
            if (r.status() != 200 || r.body().isEmpty()) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
            try {
              if (conn != null) {
                conn.close();
              }
            } catch (Exception ignored) {
              // already broken
            }
            conn = null;
          }
          latencies[id][i] = System.nanoTime() - t0;
        }
        if (conn != null) {
          conn.close();
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(5, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    int n = all.length;
    return new Result(clients, n, errors.get(), seconds, n / seconds,
        all[(int) (n * 0.50)] / 1e6, all[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)] / 1e6,
        all[n - 1] / 1e6);
  }

  /** {@code java ... LoadHarness [clients] [requests] [peers]}: serves the fixture and loads it. */
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int total = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int peers = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    Result r = measure(clients, total, peers);
    System.out.println(r.describe());
  }

  static Result measure(int clients, int total, int peers) throws Exception {
    TestSource source = new TestSource(
        Fixtures.view(1, System.currentTimeMillis(), 0.62, Fixtures.findings(), peers));
    try (ReportServer server = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null), source)) {
      run(server.port(), Math.min(clients, 10), Math.min(total, 2_000)); // warm-up (JIT)
      return run(server.port(), clients, total);
    }
  }

  static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
