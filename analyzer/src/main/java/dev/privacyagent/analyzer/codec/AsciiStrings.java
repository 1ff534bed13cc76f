package dev.privacyagent.analyzer.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One parser thread's small, bounded cache of the short strings that repeat from line to line
 * (node ids, connection ids, peer ids, protocol ids): a repeated value becomes the same String
 * instance, its hash already computed, so that the collector's map lookups on the consumer thread
 * neither hash its bytes again nor compare them. Direct-mapped; a miss replaces the slot. Not
 * thread-safe: each parser thread owns one.
 */
final class AsciiStrings {
  /** Longer values are rare and seldom repeat; they are not cached. */
  static final int MAX_CACHED_BYTES = 96;
  private static final int BITS = 12;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long MIX = 0x9E3779B97F4A7C15L;

  private final String[] strings = new String[1 << BITS];
  private final byte[][] keys = new byte[1 << BITS][];

  /** The string of the ASCII bytes {@code b[off, off + len)}, from the cache when it holds them. */
  String get(byte[] b, int off, int len) {
    if (len > MAX_CACHED_BYTES) {
      return fresh(b, off, len);
    }
    int i = slot(b, off, len);
    byte[] k = keys[i];
    if (k != null && k.length == len && same(k, b, off)) {
      return strings[i];
    }
    String s = fresh(b, off, len);
    s.hashCode(); // cached in the String: the consumer thread finds it computed
    keys[i] = Arrays.copyOfRange(b, off, off + len);
    strings[i] = s;
    return s;
  }

  /**
   * Whether {@code b[off, off + key.length)} holds the bytes of {@code key}: eight at a time, as
   * {@link Arrays#equals} costs more in its set-up than in its work on names and ids this short.
   */
  static boolean same(byte[] key, byte[] b, int off) {
    int n = key.length;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      if ((long) LONGS.get(key, i) != (long) LONGS.get(b, off + i)) {
        return false;
      }
    }
    if (i < n && n >= 8) {
      return (long) LONGS.get(key, n - 8) == (long) LONGS.get(b, off + n - 8);
    }
    for (; i < n; i++) {
      if (key[i] != b[off + i]) {
        return false;
      }
    }
    return true;
  }

  /** A new string of ASCII bytes, not cached. */
  static String fresh(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }

  private static int slot(byte[] b, int off, int len) {
    long h = len;
    if (len >= 8) {
      // the head, the middle and the tail: peer ids share their head, protocol ids their tail
      h = (h ^ (long) LONGS.get(b, off)) * MIX;
      h = (h ^ (long) LONGS.get(b, off + (len - 8) / 2)) * MIX;
      h = (h ^ (long) LONGS.get(b, off + len - 8)) * MIX;
    } else {
      for (int i = 0; i < len; i++) {
        h = h * 31 + b[off + i];
      }
      h *= MIX;
    }
    return (int) (h >>> (64 - BITS));
  }
}
