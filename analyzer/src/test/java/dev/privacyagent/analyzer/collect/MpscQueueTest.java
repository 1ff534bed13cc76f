package dev.privacyagent.analyzer.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MpscQueueTest {
  @Test
  void fifoAndRefusesWhenFull() {
    MpscQueue<Integer> q = new MpscQueue<>(4);
    assertThat(q.capacity()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(q.offer(i)).isTrue();
    }
    assertThat(q.offer(99)).isFalse();
    assertThat(q.poll()).isEqualTo(0);
    assertThat(q.offer(4)).isTrue();
    for (int i = 1; i <= 4; i++) {
      assertThat(q.poll()).isEqualTo(i);
    }
    assertThat(q.poll()).isNull();
    // many laps around the ring
    for (int i = 0; i < 1000; i++) {
      assertThat(q.offer(i)).isTrue();
      assertThat(q.poll()).isEqualTo(i);
    }
  }

  @Test
  void capacityRoundsUpToAPowerOfTwo() {
    assertThat(new MpscQueue<>(5).capacity()).isEqualTo(8);
    assertThat(new MpscQueue<>(1024).capacity()).isEqualTo(1024);
  }
}
