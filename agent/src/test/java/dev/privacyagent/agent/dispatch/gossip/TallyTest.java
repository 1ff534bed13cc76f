package dev.privacyagent.agent.dispatch.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TallyTest {
  @Test
  void deltasTakenWhileTheWriterRunsAddUpToEveryIncrement() throws Exception {
    Tally t = new Tally();
    int n = 2_000_000;
    AtomicBoolean done = new AtomicBoolean();
    Thread writer = new Thread(() -> {
      for (int i = 0; i < n; i++) {
        t.increment();
      }
      t.add(5);
      done.set(true);
    });
    writer.start();
    long taken = 0;
    int reads = 0;
    while (!done.get()) {
      long d = t.takeDelta();
      assertThat(d).isNotNegative();
      taken += d;
      reads++;
    }
    writer.join();
    taken += t.takeDelta();
    assertThat(taken).isEqualTo(n + 5L);
    assertThat(t.total()).isEqualTo(n + 5L);
    assertThat(t.takeDelta()).isZero();
    assertThat(reads).isPositive();
  }
}
