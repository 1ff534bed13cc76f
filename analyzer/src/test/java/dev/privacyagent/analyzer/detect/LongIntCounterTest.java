package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntCounterTest {
  @Test
  void countsLikeAHashMapThroughSeveralResizes() {
    LongIntCounter c = new LongIntCounter(4);
    Map<Long, Integer> expected = new HashMap<>();
    Random rnd = new Random(2);
    for (int i = 0; i < 50_000; i++) {
      long key = ((long) rnd.nextInt(3000) << 32) | rnd.nextInt(50);
      assertThat(c.increment(key, Integer.MAX_VALUE)).isTrue();
      expected.merge(key, 1, Integer::sum);
    }
    Map<Long, Integer> actual = new HashMap<>();
    c.forEach(actual::put);
    assertThat(actual).isEqualTo(expected);
    assertThat(c.size()).isEqualTo(expected.size());
  }

  @Test
  void refusesNewKeysAtTheCapButKeepsCountingKnownOnes() {
    LongIntCounter c = new LongIntCounter(4);
    assertThat(c.increment(1, 2)).isTrue();
    assertThat(c.increment(2, 2)).isTrue();
    assertThat(c.increment(3, 2)).isFalse();
    assertThat(c.increment(1, 2)).isTrue();
    Map<Long, Integer> actual = new HashMap<>();
    c.forEach(actual::put);
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(Map.of(1L, 2, 2L, 1));
  }
}
