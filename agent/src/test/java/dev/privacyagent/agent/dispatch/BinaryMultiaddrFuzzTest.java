package dev.privacyagent.agent.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.privacyagent.analyzer.codec.Bounds;

/**
 * Coverage-guided fuzzing of the binary multiaddr decoding the agent does itself on identify's
 * addresses (docs/security.md, "Fuzzing"): any bytes a peer sends decode to null or to a bounded
 * text, without an exception, in time linear in the input.
 */
class BinaryMultiaddrFuzzTest {

  /** A protobuf ByteString as Facts sees it (reflection on {@code toByteArray}). */
  public static final class Bytes {
    private final byte[] b;

    public Bytes(byte[] b) {
      this.b = b;
    }

    public byte[] toByteArray() {
      return b.clone();
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyBytesDecodeToABoundedTextOrNull(byte[] input) {
    fuzzerTestOneInput(input);
  }

  /** The entry point of bin/fuzz (Jazzer's standalone driver) for longer runs. */
  public static void fuzzerTestOneInput(byte[] input) {
    String text = BinaryMultiaddr.toText(input);
    if (text != null) {
      assertThat(text).startsWith("/").hasSizeLessThanOrEqualTo(Bounds.MAX_ADDR_CHARS);
    }
    String shown = Facts.binaryAddr(new Bytes(input));
    if (input.length > 0) {
      assertThat(shown).isNotNull().hasSizeLessThanOrEqualTo(Bounds.MAX_ADDR_CHARS);
    }
  }
}
