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
  void theIdHashIsTheHashOfTheIdTextSoSamplingNeedsNoText() {
    Random r = new Random(3);
    MessageSampling sampling = MessageSampling.parse("sampled:16");
    for (int len : new int[] {0, 1, 20, 46, 64, 65, 200}) {
      byte[] id = new byte[len];
      r.nextBytes(id);
      MessageFacts f = MessageFacts.read(message(id));
      String hex = HexFormat.of().formatHex(id, 0, Math.min(len, MessageFacts.MAX_ID_BYTES));
      assertThat(f.idHash).as("len %d", len).isEqualTo(hex.hashCode());
      assertThat(sampling.keeps(f.idHash)).isEqualTo(sampling.keeps(hex));
      assertThat(f.msgId()).isEqualTo(hex);
      assertThat(f.fingerprint).isNotZero();
      assertThat(f.topic()).isEqualTo(TOPIC);
      assertThat(f.size()).isEqualTo(192);
    }
  }

  @Test
  void fingerprintsTellIdsApartAndFirstSeenFindsThem() {
    FirstSeen seen = new FirstSeen();
    MessageFacts a = MessageFacts.read(message(new byte[] {1, 2, 3}));
    MessageFacts b = MessageFacts.read(message(new byte[] {1, 2, 4}));
    MessageFacts a2 = MessageFacts.read(message(new byte[] {1, 2, 3}));
    assertThat(a.fingerprint).isEqualTo(a2.fingerprint).isNotEqualTo(b.fingerprint);
    Traffic.TopicCounters topic = new Traffic().topic("/t");
    seen.put(a.fingerprint, 1_000, topic, 192);
    assertThat(seen.since(a2.fingerprint, 1_500)).isEqualTo(500);
    int slot = seen.find(a2.fingerprint);
    assertThat(slot).isNotNegative();
    assertThat(seen.topic(slot)).isSameAs(topic);
    assertThat(seen.size(slot)).isEqualTo(192);
    assertThat(seen.find(b.fingerprint)).isEqualTo(-1);
    assertThat(seen.since(b.fingerprint, 1_500)).isEqualTo(-1);
    assertThat(seen.since(0, 1_500)).isEqualTo(-1);
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
