package dev.privacyagent.agent.dispatch.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageSamplingTest {
  @Test
  void parsesEveryForm() {
    assertThat(MessageSampling.parse("off").keeps(1L)).isFalse();
    assertThat(MessageSampling.parse("ALL").keeps(1L)).isTrue();
    assertThat(MessageSampling.parse("sampled")).isEqualTo(MessageSampling.DEFAULT);
    assertThat(MessageSampling.parse("sampled:1").keeps(1L)).isTrue();
    assertThat(MessageSampling.parse("sampled:16").toString()).isEqualTo("sampled:16");
  }

  @Test
  void rejectsAnythingElse() {
    for (String bad : new String[] {"some", "sampled:0", "sampled:x", "sampled:", ""}) {
      assertThatThrownBy(() -> MessageSampling.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void keepsAboutOneInN() {
    MessageSampling s = MessageSampling.parse("sampled:100");
    int kept = 0;
    for (int i = 0; i < 100_000; i++) {
      byte[] id = java.nio.ByteBuffer.allocate(20).putInt(i * 7919).array(); // ids that differ in few bits
      if (s.keeps(MessageFacts.fingerprint(id))) {
        kept++;
      }
    }
    assertThat(kept).isBetween(700, 1300);
  }
}
