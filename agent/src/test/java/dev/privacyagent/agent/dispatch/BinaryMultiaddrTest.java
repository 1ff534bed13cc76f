package dev.privacyagent.agent.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.codec.Bounds;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Byte vectors per the multiaddr spec (varint code, then the value). */
class BinaryMultiaddrTest {
  private static String text(String hex) {
    return BinaryMultiaddr.toText(HexFormat.of().parseHex(hex));
  }

  @Test
  void decodesTheAddressesIdentifyCarries() {
    assertThat(text("047f000001060fa1")).isEqualTo("/ip4/127.0.0.1/tcp/4001");
    assertThat(text("04c0a80117062328")).isEqualTo("/ip4/192.168.1.23/tcp/9000");
    assertThat(text("2900000000000000000000000000000001060fa1")).isEqualTo("/ip6/0:0:0:0:0:0:0:1/tcp/4001");
    assertThat(text("360b6578616d706c652e636f6d0601bb")).isEqualTo("/dns4/example.com/tcp/443");
    assertThat(text("04010203049102" + "0fa1" + "cd03")).isEqualTo("/ip4/1.2.3.4/udp/4001/quic-v1");
  }

  @Test
  void encodesPeerIdsInBase58() {
    // identity multihash of a protobuf Ed25519 public key: 00 24 08 01 12 20 + 32 key bytes
    String key = "11".repeat(32);
    String p2p = text("047f000001060fa1" + "a503" + "26" + "002408011220" + key);
    assertThat(p2p).startsWith("/ip4/127.0.0.1/tcp/4001/p2p/12D3KooW");
    assertThat(p2p.substring(p2p.indexOf("/p2p/") + 5)).hasSize(52);
    assertThat(BinaryMultiaddr.base58(new byte[] {0, 0, 1})).isEqualTo("112");
  }

  @Test
  void unknownOrMalformedInputGivesNull() {
    assertThat(text("ff7f00")).isNull(); // unknown protocol code
    assertThat(text("047f00")).isNull(); // ip4 cut short
    assertThat(text("3605ab")).isNull(); // length past the end
    assertThat(text("")).isNull();
  }

  // bounds on decoding work (BinaryMultiaddrFuzzTest's properties, pinned)

  @Test
  void aHugeAddressDecodesOnlyUpToTheBound() {
    byte[] part = HexFormat.of().parseHex("047f000001060fa1"); // /ip4/127.0.0.1/tcp/4001
    byte[] huge = new byte[part.length * 100_000];
    for (int i = 0; i < 100_000; i++) {
      System.arraycopy(part, 0, huge, i * part.length, part.length);
    }
    assertThat(BinaryMultiaddr.toText(huge)).startsWith("/ip4/127.0.0.1/tcp/4001/ip4/")
        .hasSizeLessThanOrEqualTo(Bounds.MAX_ADDR_CHARS);
  }

  @Test
  void anOverlongPeerIdIsMalformedNotAQuadraticBase58() {
    // /p2p/ with a 64 KiB value: base58 of it would take seconds on the event loop
    byte[] id = new byte[65_536 + 4];
    id[0] = (byte) 0xa5;
    id[1] = 0x03; // 421 = p2p
    id[2] = (byte) 0x80;
    id[3] = (byte) 0x80;
    id[4] = 0x04; // varint 65,536
    byte[] b = java.util.Arrays.copyOf(id, 5 + 65_536);
    java.util.Arrays.fill(b, 5, b.length, (byte) 7);
    assertThat(BinaryMultiaddr.toText(b)).isNull();
    assertThat(Facts.binaryAddr(new BinaryMultiaddrFuzzTest.Bytes(b))).startsWith("0x").hasSizeLessThanOrEqualTo(Bounds.MAX_ADDR_CHARS);
  }
}
