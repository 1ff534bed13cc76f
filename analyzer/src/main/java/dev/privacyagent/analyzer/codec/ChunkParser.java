package dev.privacyagent.analyzer.codec;

import dev.privacyagent.analyzer.event.Event;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one line-aligned chunk of JSON Lines bytes exactly as {@link EventReader} decodes the
 * same lines from characters, so that chunks can be parsed on several threads and merged in order.
 * ASCII lines (nearly all of them) go to Jackson as bytes; a line with any other byte is decoded
 * to UTF-8 characters first (malformed bytes become U+FFFD, as the sequential reader's
 * InputStreamReader does), and a line the byte parser rejects, or cannot check for duplicate
 * names cheaply, is re-read as characters by the strict parser so that its outcome and error
 * message are the sequential reader's.
 */
final class ChunkParser {
  /** Bytes beyond which a line is longer than {@link Bounds#MAX_LINE_CHARS} however it decodes. */
  static final int MAX_LINE_BYTES = 3 * Bounds.MAX_LINE_CHARS + 3;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
  /** Each parser thread keeps its scanner, and with it its cache of repeated strings, across chunks. */
  private static final ThreadLocal<AsciiEventScanner> SCANNER =
      ThreadLocal.withInitial(() -> new AsciiEventScanner(new AsciiStrings()));

  private ChunkParser() {}

  /**
   * The index of the first '\n' at or after {@code start} (or {@code length}), encoded as
   * {@code -index - 1} when every byte before it is ASCII. Eight bytes at a time: this scan
   * touches every byte of the input.
   */
  static int lineEnd(byte[] b, int start, int length) {
    long high = 0;
    int p = start;
    while (p + 8 <= length) {
      long w = (long) LONGS.get(b, p);
      long x = w ^ NEWLINES;
      long nl = (x - ONES) & ~x & HIGHS; // the lowest set bit marks the first '\n' exactly
      if (nl != 0) {
        int k = Long.numberOfTrailingZeros(nl) >>> 3;
        high |= w & ((1L << (k << 3)) - 1);
        return (high & HIGHS) == 0 ? -(p + k) - 1 : p + k;
      }
      high |= w;
      p += 8;
    }
    while (p < length && b[p] != '\n') {
      high |= b[p] & 0x80;
      p++;
    }
    return (high & HIGHS) == 0 ? -p - 1 : p;
  }

  /** A bad line: its number within the chunk (1-based) and what is wrong. */
  record Problem(long line, String message) {}

  /** What one chunk held; the events in line order. */
  static final class Result {
    final List<Event> events = new ArrayList<>();
    long lines;
    long skipped;
    final List<Problem> problems = new ArrayList<>();
    /** Strict mode: the first bad line, after which the chunk was not read further. */
    Problem error;
    EventReader decoder;
  }

  /**
   * @param bytes line-aligned bytes: whole lines ending in '\n', except that the last line of an
   *     input may have none
   * @param tooLongLines lines the reader already found longer than {@link #MAX_LINE_BYTES} (the
   *     chunk then holds nothing else)
   */
  static Result parse(byte[] bytes, int length, int tooLongLines, String source, boolean lenient, int maxProblems) {
    Result r = new Result();
    EventReader decoder = new EventReader(source, SCANNER.get());
    r.decoder = decoder;
    char[] chars = new char[1024];
    CharsetDecoder utf8 = null;
    for (int t = 0; t < tooLongLines; t++) {
      r.lines++;
      if (!problem(r, EventReader.tooLong().getMessage(), lenient, maxProblems)) {
        return r;
      }
    }
    int start = 0;
    while (start < length) {
      int nl = lineEnd(bytes, start, length);
      boolean ascii = nl < 0;
      if (ascii) {
        nl = -nl - 1;
      }
      boolean newline = nl < length;
      r.lines++;
      int end = nl;
      int next = newline ? nl + 1 : nl;
      try {
        Event e;
        if (ascii) {
          // the sequential reader counts a '\r' before '\n' against the limit, then drops it
          if (end - start > Bounds.MAX_LINE_CHARS) {
            throw EventReader.tooLong();
          }
          if (newline && end > start && bytes[end - 1] == '\r') {
            end--;
          }
          if (blankAscii(bytes, start, end)) {
            start = next;
            continue;
          }
          try {
            e = decoder.decodeAscii(bytes, start, end - start);
          } catch (EventReader.LineProblem p) {
            if (!p.syntax()) {
              throw p;
            }
            if (chars.length < end - start) {
              chars = new char[end - start];
            }
            for (int i = start; i < end; i++) {
              chars[i - start] = (char) bytes[i];
            }
            e = decoder.decode(chars, end - start);
          }
        } else {
          if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
          }
          CharBuffer cb = decode(utf8, bytes, start, end - start);
          int n = cb.remaining();
          if (n > Bounds.MAX_LINE_CHARS) {
            throw EventReader.tooLong();
          }
          if (newline && n > 0 && cb.get(n - 1) == '\r') {
            n--;
          }
          if (chars.length < n) {
            chars = new char[n];
          }
          cb.get(chars, 0, n);
          if (blank(chars, n)) {
            start = next;
            continue;
          }
          e = decoder.decode(chars, n);
        }
        if (e != null) {
          r.events.add(e);
        }
      } catch (EventReader.LineProblem p) {
        if (!problem(r, p.getMessage(), lenient, maxProblems)) {
          return r;
        }
      } catch (IOException e) {
        // an in-memory parser reports bad content as JsonProcessingException, handled above
        throw new IllegalStateException(e);
      }
      start = next;
    }
    return r;
  }

  /** Records a bad line; false when reading must stop (strict). */
  private static boolean problem(Result r, String message, boolean lenient, int maxProblems) {
    Problem p = new Problem(r.lines, message);
    if (!lenient) {
      r.error = p;
      return false;
    }
    r.skipped++;
    if (r.problems.size() < maxProblems) {
      r.problems.add(p);
    }
    return true;
  }

  private static CharBuffer decode(CharsetDecoder utf8, byte[] bytes, int off, int len) {
    try {
      utf8.reset();
      return utf8.decode(ByteBuffer.wrap(bytes, off, len));
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder threw", e);
    }
  }

  private static boolean blankAscii(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace((char) b[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean blank(char[] c, int n) {
    for (int i = 0; i < n; i++) {
      if (!Character.isWhitespace(c[i])) {
        return false;
      }
    }
    return true;
  }
}
