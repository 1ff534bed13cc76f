package dev.privacyagent.analyzer.codec;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a character stream into lines ({@code \n}, {@code \r\n}) without ever holding more than
 * {@link Bounds#MAX_LINE_CHARS} of one line: a longer line is consumed to its end and reported as
 * too long instead of exhausting memory.
 */
final class LineSource {
  private final Reader in;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int limit;
  private char[] line = new char[1024];
  private int length;
  private boolean tooLong;

  LineSource(Reader in) {
    this.in = in;
  }

  /** Advances to the next line; false at the end of input. */
  boolean next() throws IOException {
    length = 0;
    tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buf, 0, buf.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          return any;
        }
      }
      any = true;
      int start = pos;
      while (pos < limit && buf[pos] != '\n') {
        pos++;
      }
      append(start, pos - start);
      if (pos < limit) {
        pos++; // the '\n'
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
          length--;
        }
        return true;
      }
    }
  }

  private void append(int start, int n) {
    if (tooLong || n == 0) {
      return;
    }
    if (length + n > Bounds.MAX_LINE_CHARS) {
      tooLong = true;
      length = 0;
      return;
    }
    if (length + n > line.length) {
      line = java.util.Arrays.copyOf(line, Math.min(Bounds.MAX_LINE_CHARS, Math.max(line.length * 2, length + n)));
    }
    System.arraycopy(buf, start, line, length, n);
    length += n;
  }

  char[] chars() {
    return line;
  }

  int length() {
    return length;
  }

  boolean tooLong() {
    return tooLong;
  }

  boolean blank() {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(line[i])) {
        return false;
      }
    }
    return !tooLong;
  }
}
