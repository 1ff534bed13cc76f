package dev.privacyagent.agent.dispatch.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageSamplingTest {
  @Test
  void parsesEveryForm() {
    assertThat(MessageSampling.parse("off").keeps("00")).isFalse();
    assertThat(MessageSampling.parse("ALL").keeps("00")).isTrue();
    assertThat(MessageSampling.parse("sampled")).isEqualTo(MessageSampling.DEFAULT);
    assertThat(MessageSampling.parse("sampled:1").keeps("ab")).isTrue();
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
      if (s.keeps(Integer.toHexString(i * 7919))) {
        kept++;
      }
    }
    assertThat(kept).isBetween(700, 1300);
  }
}
