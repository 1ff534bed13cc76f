package dev.privacyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Soak: the sample network with continuous churn ({@code --churn}: a peer joins every 250 ms and
 * one leaves) under the agent, the report server polled every second and an SSE client attached.
 * Samples the node JVM's heap after a full GC, threads and file descriptors, and the collector's
 * memory estimate; asserts they stay flat (bounds below) and that no event is lost unaccounted.
 * {@code -Dsoak.seconds=3600} for the hour-long run on demand (docs/performance.md); 75 s here.
 */
class SoakIT {
  static final long SECONDS = Long.getLong("soak.seconds", 75);
  static final long WARM_UP_SECONDS = Math.min(25, SECONDS / 3);

  record Sample(long second, long heapAfterGc, long threads, long fds, long collectorBytes, long accepted) {}

  @Test
  void stateStaysFlatUnderChurnAndEveryEventIsAccounted() throws Exception {
    Path dir = E2e.dir("soak");
    Path events = dir.resolve("events.jsonl");
    E2e.Proc p = E2e.Proc.start(E2e.javaOf(E2e.JDK17),
        List.of("-Xmx512m", E2e.agentArg("port=0,summaryInterval=5s,maxMemory=8m,eventsMaxSize=1g,events=" + events)),
        List.of("--peers=3", "--duration=" + (SECONDS + 5) + "s", "--ping-interval=500ms", "--churn=250ms",
            "--stream-interval=1s", "--no-bad-dials"),
        dir);
    try {
      String base = awaitUrl(p);
      AtomicLong sseBytes = new AtomicLong();
      Thread sse = new Thread(() -> readSse(base + "api/stream", sseBytes), "soak-sse");
      sse.setDaemon(true);
      sse.start();
      List<Sample> samples = new ArrayList<>();
      long start = System.nanoTime();
      long nextSample = WARM_UP_SECONDS;
      while ((System.nanoTime() - start) / 1_000_000_000L < SECONDS) {
        long now = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(get(base + "api/report")).contains("\"riskScore\"");
        String metrics = get(base + "metrics");
        if (now >= nextSample) {
          samples.add(new Sample(now, heapAfterGc(p.pid()), threads(p.pid()), fds(p.pid()),
              metric(metrics, "libp2p_privacy_collector_memory_bytes"),
              metric(metrics, "libp2p_privacy_collector_events_accepted_total")));
          nextSample = now + Math.max(5, SECONDS / 12);
        }
        Thread.sleep(1000);
      }
      assertThat(p.await(120)).as(p.stderr()).isZero();
      System.out.println("soak samples (second, heap after GC, threads, fds, collector estimate, events accepted):");
      samples.forEach(s -> System.out.printf("| %d | %,d | %d | %d | %,d | %,d |%n",
          s.second(), s.heapAfterGc(), s.threads(), s.fds(), s.collectorBytes(), s.accepted()));

      assertThat(samples).hasSizeGreaterThanOrEqualTo(3);
      Sample first = samples.get(0);
      // churn really happened: events kept flowing all along
      assertThat(samples.get(samples.size() - 1).accepted()).isGreaterThan(first.accepted() + 1_000);
      assertThat(sseBytes.get()).as("SSE bytes received").isPositive();
      for (Sample s : samples) {
        // bounds: the collector within its 8 MiB cap; heap after GC, threads and fds within a
        // fixed margin of the first sample after warm-up (no growth with churn)
        assertThat(s.collectorBytes()).isLessThanOrEqualTo(8L << 20);
        assertThat(s.heapAfterGc()).as("heap after GC at %d s", s.second())
            .isLessThanOrEqualTo(first.heapAfterGc() + (32L << 20));
        assertThat(s.threads()).as("threads at %d s", s.second()).isLessThanOrEqualTo(first.threads() + 16);
        assertThat(s.fds()).as("fds at %d s", s.second()).isLessThanOrEqualTo(first.fds() + 64);
      }
      // no event lost unaccounted: the file and the collector saw the same events; each either
      // kept it or counted it (file: written + lost; collector: accepted + dropped queue-full)
      String err = p.stderr();
      String last = err.lines().filter(l -> l.contains("summary:")).reduce((a, b) -> b).orElseThrow();
      long accepted = Long.parseLong(last.replaceAll(".*events=(\\d+).*", "$1"));
      long dropped = Long.parseLong(last.replaceAll(".*dropped=(\\d+).*", "$1"));
      long written;
      try (Stream<String> lines = Files.lines(events)) {
        written = lines.filter(l -> !l.isBlank()).count();
      }
      assertThat(written).isPositive();
      assertThat(written + dropped).as(last).isGreaterThanOrEqualTo(accepted);
      assertThat(last).contains("agent-errors=0");
    } finally {
      p.process.destroyForcibly();
    }
  }

  private static String awaitUrl(E2e.Proc p) throws Exception {
    Pattern url = Pattern.compile("report at (http://127\\.0\\.0\\.1:\\d+/)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = url.matcher(p.stderr());
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no report URL in stderr:\n" + p.stderr());
  }

  private static String get(String url) throws Exception {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(30_000);
    try {
      assertThat(c.getResponseCode()).as(url).isEqualTo(200);
      return new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  private static void readSse(String url, AtomicLong bytes) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setReadTimeout((int) TimeUnit.SECONDS.toMillis(SECONDS + 60));
      try (BufferedReader r = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          bytes.addAndGet(line.length() + 1);
        }
      }
    } catch (Exception e) {
      // the node stopped: the stream ends
    }
  }

  private static long metric(String exposition, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(exposition);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
  }

  /** Heap used after a full GC of the node's JVM (jcmd GC.run, then GC.heap_info). */
  private static long heapAfterGc(long pid) throws Exception {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher m = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
    long used = 0;
    while (m.find()) {
      used += Long.parseLong(m.group(1)) * 1024;
    }
    return used;
  }

  private static String jcmd(long pid, String command) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process j = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(j.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static long threads(long pid) throws Exception {
    for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (l.startsWith("Threads:")) {
        return Long.parseLong(l.substring(8).trim());
      }
    }
    return -1;
  }

  private static long fds(long pid) throws Exception {
    try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      return s.count();
    }
  }
}
