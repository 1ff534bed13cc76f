package dev.privacyagent.analyzer.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqClockTest {
  @Test
  void sequenceIsMonotonicAndWallTimeFollowsTheNanoClock() throws Exception {
    SeqClock clock = new SeqClock();
    long before = System.currentTimeMillis();
    long n1 = clock.nanoTime();
    long w1 = clock.wallMillis(n1);
    Thread.sleep(20);
    long n2 = clock.nanoTime();
    long w2 = clock.wallMillis(n2);
    assertThat(clock.nextSeq()).isEqualTo(1);
    assertThat(clock.nextSeq()).isEqualTo(2);
    assertThat(clock.issued()).isEqualTo(2);
    assertThat(w1).isBetween(before - 5, before + 1000);
    // wall time is derived from the nano clock: the two differences agree to within rounding
    assertThat(Math.abs((w2 - w1) - (n2 - n1) / 1_000_000)).isLessThanOrEqualTo(1);
    assertThat(w2 - w1).isBetween(19L, 2_000L);
  }
}
