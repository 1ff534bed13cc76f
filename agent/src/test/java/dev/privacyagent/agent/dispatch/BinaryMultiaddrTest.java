package dev.privacyagent.agent.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

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
}
