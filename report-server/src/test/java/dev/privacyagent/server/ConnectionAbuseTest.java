package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Clients that pipeline without reading, or hold sockets open idle, cannot hurt other clients. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConnectionAbuseTest {
  static final int PIPELINED = 1_500;

  /** Direct memory in use: the JDK's direct buffers plus Netty's own (Unsafe) allocations. */
  static long directBytes() {
    long jdk = 0;
    for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
      if (b.getName().equals("direct")) {
        jdk += b.getMemoryUsed();
      }
    }
    return jdk + Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
  }

  @Test
  void aClientPipeliningWithoutReadingStallsNoOneAndHoldsNoPileOfResponses() throws Exception {
    TestSource source = new TestSource(
        Fixtures.view(1, System.currentTimeMillis(), 0.62, Fixtures.findings(), 400));
    try (ReportServer s = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null), source)) {
      int p = s.port();
      int reportBytes = RawHttp.exchange(p, RawHttp.get(p, "/api/report")).body().length();
      assertThat(reportBytes).isGreaterThan(100_000);
      long directBefore = directBytes();

      Socket hog = new Socket();
      hog.setReceiveBufferSize(4096);
      hog.connect(new InetSocketAddress("127.0.0.1", p), 5_000);
      byte[] one = RawHttp.get(p, "/api/report").getBytes(StandardCharsets.US_ASCII);
      byte[] all = new byte[one.length * PIPELINED];
      for (int i = 0; i < PIPELINED; i++) {
        System.arraycopy(one, 0, all, i * one.length, one.length);
      }
      // The server stops reading the hog, so this write may block: it runs on its own thread.
      Thread writer = new Thread(() -> {
        try {
          OutputStream out = hog.getOutputStream();
          out.write(all);
          out.flush();
        } catch (java.io.IOException closed) {
          // the test closes the socket at the end
        }
      }, "pipelining-hog");
      writer.setDaemon(true);
      writer.start();
      try {
        Thread.sleep(1_000); // let the server take in what it will of the hog's requests

        // Other clients, on both workers (connections alternate between them), keep being served.
        for (int i = 0; i < 30; i++) {
          RawHttp.Response r = RawHttp.exchange(p, RawHttp.get(p, i % 2 == 0 ? "/api/report"
              : "/healthz"));
          assertThat(r.status()).as("client " + i).isEqualTo(200);
        }
        long held = directBytes() - directBefore;
        // One response in flight for the hog, not 1,500 of them (before: > 1,500 x 100 KB).
        assertThat(held).as("direct memory held while the hog does not read")
            .isLessThan(16L * 1024 * 1024);

        // Once the hog reads, it gets every answer, in order, nothing lost.
        hog.setSoTimeout(20_000);
        InputStream in = new java.io.BufferedInputStream(hog.getInputStream(), 1 << 16);
        for (int i = 0; i < PIPELINED; i++) {
          assertThat(readResponse(in)).as("pipelined response " + i).isEqualTo(reportBytes);
        }
      } finally {
        hog.close();
      }
    }
  }

  /** Reads one 200 response and returns its body length. */
  static int readResponse(InputStream in) throws java.io.IOException {
    String status = line(in);
    assertThat(status).startsWith("HTTP/1.1 200");
    int length = -1;
    for (String l; !(l = line(in)).isEmpty(); ) {
      if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
        length = Integer.parseInt(l.substring(15).trim());
      }
    }
    assertThat(length).isPositive();
    in.skipNBytes(length);
    return length;
  }

  private static String line(InputStream in) throws java.io.IOException {
    StringBuilder b = new StringBuilder();
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        throw new java.io.EOFException("closed after: " + b);
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Test
  void socketsHeldIdleAtTheCapDoNotLockOutANewClient() throws Exception {
    try (ReportServer s = ReportServer.start(ServerConfig.of("127.0.0.1", 0, null),
        new TestSource(Fixtures.view(1)))) {
      int p = s.port();
      int cap = s.config().maxConnections();
      List<RawHttp> idle = new ArrayList<>();
      try {
        for (int i = 0; i < cap; i++) {
          RawHttp c = new RawHttp(p);
          idle.add(c);
          if (i % 2 == 1) {
            c.send("GET /api/report HTTP/1.1\r\nHo"); // a head that never completes
          }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s.openConnections() < cap && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(s.openConnections()).isEqualTo(cap);

        for (int i = 0; i < 5; i++) {
          RawHttp.Response r = RawHttp.exchange(p, RawHttp.get(p, "/healthz"));
          assertThat(r.status()).as("new client " + i).isEqualTo(200);
        }

        // The rest are closed once they have had their time to send a request head.
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (s.openConnections() > 0 && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(s.openConnections()).isZero();
        for (RawHttp c : idle) {
          c.soTimeout(5_000);
          assertThat(c.closedByPeer()).isTrue();
        }
      } finally {
        for (RawHttp c : idle) {
          c.close();
        }
      }
    }
  }
}
