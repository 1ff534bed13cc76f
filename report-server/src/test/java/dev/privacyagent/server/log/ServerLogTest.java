package dev.privacyagent.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's warnings, and Netty's, are single clean lines, once per kind. */
class ServerLogTest {
  final List<String> lines = new CopyOnWriteArrayList<>();

  @AfterEach
  void reset() {
    ServerLog.setSink(null);
  }

  @Test
  void oneEscapedBoundedLinePerKind() {
    ServerLog.setSink(lines::add);
    ServerLog.warnOnce("test:a", "bad \u001bc target\n\tat x");
    ServerLog.warnOnce("test:a", "again");
    ServerLog.warnOnce("test:b", "x".repeat(1_000));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("bad \\u001bc target\\u000a\\u0009at x");
    assertThat(lines.get(1)).hasSize(ServerLog.MAX_LINE + 1).endsWith("…");
  }

  @Test
  void nettyWarningsReachTheSinkWithoutATraceAndDebugDoesNot() {
    ServerLog.setSink(lines::add);
    InternalLogger netty = InternalLoggerFactory.getInstance("io.netty.test.Probe");
    netty.debug("debug {}", 1);
    netty.info("info");
    netty.warn("probe failed for {}", "/api\u0007", new IllegalStateException("boom\nline2"));
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).isEqualTo(
        "netty Probe: probe failed for /api\\u0007 (IllegalStateException: boom\\u000aline2)");
  }
}
