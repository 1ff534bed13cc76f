package dev.privacyagent.agent.dispatch.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageFactsTest {
  private static final String TOPIC = "/eth2/00000000/beacon_attestation_3/ssz_snappy";

  private static GossipFakes.Message message(byte[] id) {
    return new GossipFakes.Message(TOPIC, id, 192);
  }

  @Test
  void theFactsOfAnIdOfAnyLength() {
    Random r = new Random(3);
    for (int len : new int[] {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 20, 32, 46, 63, 64, 65, 200}) {
      byte[] id = new byte[len];
      r.nextBytes(id);
      MessageFacts f = MessageFacts.read(message(id));
      String hex = HexFormat.of().formatHex(id, 0, Math.min(len, MessageFacts.MAX_ID_BYTES));
      assertThat(f.msgId()).as("len %d", len).isEqualTo(hex).isEqualTo(MessageFacts.hex(id, Math.min(len, 64)));
      assertThat(f.fingerprint).isNotZero();
      assertThat(f.topic()).isEqualTo(TOPIC);
      assertThat(f.size()).isEqualTo(192);
    }
  }

  @Test
  void fingerprintsTellIdsApart() {
    MessageFacts a = MessageFacts.read(message(new byte[] {1, 2, 3}));
    MessageFacts b = MessageFacts.read(message(new byte[] {1, 2, 4}));
    MessageFacts a2 = MessageFacts.read(message(new byte[] {1, 2, 3}));
    assertThat(a.fingerprint).isEqualTo(a2.fingerprint).isNotEqualTo(b.fingerprint).isNotZero();
    assertThat(MessageFacts.fingerprint(null)).isZero();
  }

  @Test
  void fingerprintsOfManyIdsDoNotCollide() {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    Random r = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      byte[] id = new byte[20 + (i % 27)];
      r.nextBytes(id);
      assertThat(seen.add(MessageFacts.read(message(id)).fingerprint)).isTrue();
    }
    // ids that differ in one bit of the last byte, or only in length
    assertThat(MessageFacts.read(message(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1})).fingerprint)
        .isNotEqualTo(MessageFacts.read(message(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0})).fingerprint)
        .isNotEqualTo(MessageFacts.read(message(new byte[] {0, 0, 0, 0, 0, 0, 0, 0})).fingerprint);
  }

  @Test
  void aMessageWithoutAnIdHasNoFingerprintAndNoText() {
    MessageFacts f = MessageFacts.read("not a pubsub message");
    assertThat(f.fingerprint).isZero();
    assertThat(f.msgId()).isNull();
    assertThat(f.topic()).isNull();
    assertThat(f.size()).isEqualTo(-1);
  }
}
