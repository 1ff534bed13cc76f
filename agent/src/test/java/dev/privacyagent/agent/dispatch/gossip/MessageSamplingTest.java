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

  @Test
  void aPowerOfTwoKeepsExactlyWhatTheDivisionKeeps() {
    java.util.Random r = new java.util.Random(5);
    for (int every : new int[] {1, 2, 1024, MessageSampling.DEFAULT_EVERY, 1 << 20, 1000, 3}) {
      MessageSampling s = new MessageSampling(MessageSampling.Mode.SAMPLED, every);
      int kept = 0;
      for (int i = 0; i < 200_000; i++) {
        long f = r.nextLong();
        boolean byDivision = (int) ((f * 0x9E3779B97F4A7C15L) >>> 33) % every == 0;
        assertThat(s.keeps(f)).as("every %d, fingerprint %d", every, f).isEqualTo(byDivision);
        kept += byDivision ? 1 : 0;
      }
      assertThat(kept).as("every %d", every).isBetween(200_000 / every / 2, 200_000 / every * 2 + 10);
    }
  }
}
