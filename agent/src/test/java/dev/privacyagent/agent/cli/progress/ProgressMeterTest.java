package dev.privacyagent.agent.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {
  @Test
  void textShowsAmountOfTotalRateAndEta() {
    long s = 1_000_000_000L;
    assertThat(ProgressText.line("analyze", ProgressText.Unit.BYTES, 300_000_000, 1_200_000_000, 2 * s))
        .isEqualTo("[analyze] 300.0 MB of 1.20 GB (25%), 150.0 MB/s, ETA 0:06");
    assertThat(ProgressText.bar("analyze", ProgressText.Unit.BYTES, 600_000_000, 1_200_000_000, 4 * s))
        .isEqualTo("[analyze] [############............]  50% 600.0 MB of 1.20 GB  150.0 MB/s  ETA 0:04");
    // no total (standard input): no bar, no percentage, no ETA
    assertThat(ProgressText.bar("analyze", ProgressText.Unit.BYTES, 5_000, -1, s))
        .isEqualTo("[analyze] 5.0 KB  0.0 MB/s");
    assertThat(ProgressText.line("simulate", ProgressText.Unit.EVENTS, 1_000, 4_000, s))
        .isEqualTo("[simulate] 1,000 events of 4,000 events (25%), 1,000 events/s, ETA 0:03");
    assertThat(ProgressText.eta(1, 7_201, s)).isEqualTo("2:00:00");
  }

  @Test
  void printsPeriodicLinesFromItsOwnThreadWhileTheJobRuns() throws InterruptedException {
    StringWriter sw = new StringWriter();
    PrintWriter err = new PrintWriter(sw);
    AtomicLong done = new AtomicLong();
    ProgressMeter m = ProgressMeter.start("job", ProgressText.Unit.BYTES, done::get, 10_000, ProgressMode.lines, err,
        Duration.ofMillis(10));
    done.set(2_500);
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!text(sw).contains("2.5 KB of 10.0 KB (25%)") && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    done.set(10_000);
    m.close();
    String out = text(sw);
    assertThat(out).contains("[job] 2.5 KB of 10.0 KB (25%), ").containsPattern("\\[job\\] 10.0 KB in \\d+\\.\\d s");
    int lines = out.split("\n").length;
    m.close(); // a second close prints nothing more
    assertThat(text(sw).split("\n")).hasSize(lines);
  }

  private static String text(StringWriter sw) {
    synchronized (sw) {
      return sw.toString();
    }
  }
}
