package dev.privacyagent.agent.dispatch.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FirstSeenTest {
  private final Traffic traffic = new Traffic();
  private final FirstSeen seen = new FirstSeen(traffic);
  private final Traffic.TopicCounters topic = traffic.topic("/t");

  @Test
  void anEntryIsFoundBeforeAndAfterItsBatchIsWritten() {
    seen.put(11, 1_000, topic, 192);
    int place = seen.find(11);
    assertThat(place).as("still in the batch").isNotNegative();
    assertThat(seen.since(place, 1_500)).isEqualTo(500);
    assertThat(seen.topic(place)).isSameAs(topic);
    assertThat(seen.size(place)).isEqualTo(192);
    for (int i = 0; i < FirstSeen.BATCH; i++) {
      seen.put(1_000 + i, 2_000 + i, topic, i);
    }
    place = seen.find(11);
    assertThat(place).as("written to the table").isNotNegative();
    assertThat(seen.since(place, 1_500)).isEqualTo(500);
    assertThat(seen.size(place)).isEqualTo(192);
    for (int i = 0; i < FirstSeen.BATCH; i++) {
      int p = seen.find(1_000 + i);
      assertThat(seen.since(p, 3_000)).isEqualTo(1_000 - i);
      assertThat(seen.size(p)).isEqualTo(i);
    }
    assertThat(seen.find(12)).isEqualTo(-1);
    assertThat(seen.find(0)).as("no id").isEqualTo(-1);
    seen.put(0, 1, topic, 1);
    assertThat(seen.find(0)).isEqualTo(-1);
  }

  @Test
  void theNewestEntryOfAnIdWinsInTheBatchAndInTheTable() {
    seen.put(7, 1_000, topic, 1);
    seen.put(7, 2_000, topic, 2);
    assertThat(seen.size(seen.find(7))).isEqualTo(2);
    for (int i = 0; i < FirstSeen.BATCH; i++) {
      seen.put(100 + i, 0, topic, 0);
    }
    assertThat(seen.size(seen.find(7))).as("both written, in order").isEqualTo(2);
    seen.put(7, 3_000, topic, 3);
    assertThat(seen.size(seen.find(7))).as("the batch before the table").isEqualTo(3);
  }

  @Test
  void sizesUpToIntMaxAndEntriesWithoutATopicSurviveThePacking() {
    seen.put(5, 2_000, topic, Integer.MAX_VALUE);
    seen.put(6, 3_000, null, 5);
    for (int round = 0; round < 2; round++) {
      assertThat(seen.size(seen.find(5))).isEqualTo(Integer.MAX_VALUE);
      assertThat(seen.hasTopic(seen.find(5))).isTrue();
      assertThat(seen.topic(seen.find(5))).isSameAs(topic);
      // without a topic an entry does not stand for a duplicate's topic, but still times it
      assertThat(seen.hasTopic(seen.find(6))).isFalse();
      assertThat(seen.since(seen.find(6), 3_100)).isEqualTo(100);
      for (int i = 0; i < FirstSeen.BATCH; i++) {
        seen.put(500 + i, 0, topic, 0);
      }
    }
  }
}
