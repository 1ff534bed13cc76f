package dev.privacyagent.agent.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FactsPeerIdTest {
  /** Stands for jvm-libp2p's PeerId: bytes, and an expensive Base58 text counted per call. */
  public static final class FakePeerId {
    static final AtomicInteger ENCODINGS = new AtomicInteger();
    private final byte[] bytes;

    FakePeerId(byte... bytes) {
      this.bytes = bytes;
    }

    public byte[] getBytes() {
      return bytes;
    }

    public String toBase58() {
      ENCODINGS.incrementAndGet();
      StringBuilder sb = new StringBuilder("12D3KooW");
      for (byte b : bytes) {
        sb.append(b);
      }
      return sb.toString();
    }
  }

  @Test
  void encodesEachPeerIdOnceAndKeepsDistinctIdsApart() {
    int before = FakePeerId.ENCODINGS.get();
    String a1 = Facts.peerId(new FakePeerId((byte) 1, (byte) 2, (byte) 3));
    String a2 = Facts.peerId(new FakePeerId((byte) 1, (byte) 2, (byte) 3));
    String b = Facts.peerId(new FakePeerId((byte) 3, (byte) 2, (byte) 1));
    assertThat(a1).isEqualTo("12D3KooW123").isEqualTo(a2);
    assertThat(b).isEqualTo("12D3KooW321");
    assertThat(FakePeerId.ENCODINGS.get() - before).isEqualTo(2);
  }

  @Test
  void aMutatedByteArrayDoesNotChangeTheCachedKey() {
    byte[] bytes = {9, 9, 9};
    FakePeerId id = new FakePeerId(bytes);
    assertThat(Facts.peerId(id)).isEqualTo("12D3KooW999");
    bytes[0] = 8;
    assertThat(Facts.peerId(id)).isEqualTo("12D3KooW899");
  }
}
