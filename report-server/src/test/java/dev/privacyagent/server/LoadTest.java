package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 50 concurrent keep-alive clients, 20,000 requests on loopback: every request must succeed.
 * Speed is printed (and written under the build folder) for docs/performance.md, never asserted.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LoadTest {
  @Test
  void fiftyClientsTwentyThousandRequestsWithoutErrors() throws Exception {
    LoadHarness.Result r = LoadHarness.measure(50, 20_000, 200);
    String line = "[load] " + r.describe();
    System.out.println(line);
    LoadHarness.write(Path.of(System.getProperty("pa.build.dir", "target"), "load-test.txt"),
        line + "\n");
    assertThat(r.requests()).isEqualTo(20_000);
    assertThat(r.errors()).isZero();
  }
}
