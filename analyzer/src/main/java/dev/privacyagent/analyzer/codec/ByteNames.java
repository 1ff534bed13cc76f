package dev.privacyagent.analyzer.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A fixed set of ASCII names looked up by their bytes, without making a String: the field names
 * and event type names of {@link EventSchema}, matched straight in the input line. Immutable and
 * shared by every parser thread.
 */
final class ByteNames {
  private final byte[][] names;
  private final int[] codes;
  private final int mask;

  /** {@code names.get(i)} gets code {@code i}. */
  ByteNames(List<String> names) {
    int size = Integer.highestOneBit(Math.max(4, names.size() * 4) - 1) << 1;
    this.names = new byte[size][];
    this.codes = new int[size];
    this.mask = size - 1;
    for (int code = 0; code < names.size(); code++) {
      byte[] n = names.get(code).getBytes(StandardCharsets.US_ASCII);
      int i = hash(n, 0, n.length) & mask;
      while (this.names[i] != null) {
        i = (i + 1) & mask;
      }
      this.names[i] = n;
      this.codes[i] = code;
    }
  }

  /** The code of the name {@code b[off, off + len)}, or -1 when it is not one of the names. */
  int find(byte[] b, int off, int len) {
    int i = hash(b, off, len) & mask;
    byte[] n;
    while ((n = names[i]) != null) {
      if (n.length == len && AsciiStrings.same(n, b, off)) {
        return codes[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  private static int hash(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int h = len * 961 + b[off] * 31 + b[off + len - 1];
    h = h * 31 + b[off + len / 2];
    return h ^ (h >>> 7);
  }
}
