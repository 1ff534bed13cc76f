package dev.privacyagent.analyzer.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The parser threads' fast path for one ASCII line: scans the plain subset of JSON that the
 * agent's writer produces (one flat object; strings without escapes; integers of at most 18
 * digits; true, false, null; arrays of such strings; spaces and tabs between tokens) straight
 * into the reader's field slots, matching names by their bytes and sharing repeated strings
 * through {@link AsciiStrings}.
 *
 * <p>It only ever accepts: anything outside that subset (an escape, a fraction, a nested value, a
 * repeated name, a value of the wrong JSON type for {@code v} or {@code type}, bad syntax) makes
 * {@link #scan} return false, and the line is read again by Jackson, whose outcome and messages
 * are the reference. On what it accepts it produces exactly the values Jackson produces.
 */
final class AsciiEventScanner {
  private static final String[] GLOBAL_NAMES = EventSchema.globalNames();
  private static final int V = GLOBAL_NAMES.length;
  private static final int TYPE = V + 1;
  private static final ByteNames FIELDS;
  private static final ByteNames TYPES;
  private static final EventSchema.Type[] TYPE_BY_CODE;
  /** Values that are new on nearly every line: not cached, but hashed here for the consumer. */
  private static final Set<String> UNIQUE_VALUES = Set.of("streamId", "messageId");
  private static final boolean[] CACHED = new boolean[V];
  private static final boolean[] HASHED = new boolean[V];
  /** Jackson rejects longer names (its StreamReadConstraints); they are left to it. */
  private static final int MAX_NAME_BYTES = 1000;
  private static final int MAX_DIGITS = 18;
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long SPACES = 0x2020202020202020L;

  static {
    List<String> names = new ArrayList<>(Arrays.asList(GLOBAL_NAMES));
    names.add("v");
    names.add("type");
    FIELDS = new ByteNames(names);
    TYPE_BY_CODE = EventSchema.types().values().toArray(new EventSchema.Type[0]);
    List<String> types = new ArrayList<>();
    for (EventSchema.Type t : TYPE_BY_CODE) {
      types.add(t.name());
    }
    TYPES = new ByteNames(types);
    for (int g = 0; g < V; g++) {
      boolean unique = UNIQUE_VALUES.contains(GLOBAL_NAMES[g]);
      CACHED[g] = !unique;
      HASHED[g] = unique;
    }
  }

  private final AsciiStrings strings;
  private final boolean[] seen = new boolean[V + 2];
  private byte[] b;
  private int end;

  // the outcome of the last accepted scan
  private long version;
  private String typeName;
  private EventSchema.Type type;

  AsciiEventScanner(AsciiStrings strings) {
    this.strings = strings;
  }

  long version() {
    return version;
  }

  /** The value of "type", or null when the line had none. */
  String typeName() {
    return typeName;
  }

  /** The known type named by "type", or null. */
  EventSchema.Type type() {
    return type;
  }

  /**
   * Fills {@code raw} (by global field index) and {@code unknown} (names of unknown fields, in
   * order) from the line {@code bytes[off, off + len)}, which is ASCII, not blank and has no line
   * end; false when the line is not in the subset (then {@code raw} and {@code unknown} hold
   * partial content, which the caller clears).
   */
  boolean scan(byte[] bytes, int off, int len, Object[] raw, List<String> unknown) {
    this.b = bytes;
    this.end = off + len;
    version = -1;
    typeName = null;
    type = null;
    Arrays.fill(seen, false);
    try {
      return object(ws(off), raw, unknown);
    } finally {
      this.b = null;
    }
  }

  private boolean object(int p, Object[] raw, List<String> unknown) {
    if (p >= end || b[p] != '{') {
      return false;
    }
    p = ws(p + 1);
    if (p < end && b[p] == '}') {
      return ws(p + 1) == end;
    }
    while (true) {
      if (p >= end || b[p] != '"') {
        return false;
      }
      int nameStart = p + 1;
      int q = plainString(nameStart);
      if (q < 0 || q - nameStart > MAX_NAME_BYTES) {
        return false;
      }
      int code = FIELDS.find(b, nameStart, q - nameStart);
      p = ws(q + 1);
      if (p >= end || b[p] != ':') {
        return false;
      }
      p = ws(p + 1);
      if (p >= end) {
        return false;
      }
      if (code >= 0) {
        if (seen[code]) {
          return false;
        }
        seen[code] = true;
      }
      if (code == V) {
        p = number(p);
        if (p < 0) {
          return false;
        }
        version = number;
      } else if (code == TYPE) {
        if (b[p] != '"') {
          return false;
        }
        q = plainString(p + 1);
        if (q < 0) {
          return false;
        }
        int t = TYPES.find(b, p + 1, q - p - 1);
        if (t >= 0) {
          type = TYPE_BY_CODE[t];
          typeName = type.name();
        } else {
          typeName = AsciiStrings.fresh(b, p + 1, q - p - 1);
        }
        p = q + 1;
      } else if (code >= 0) {
        p = value(p, code, raw);
        if (p < 0) {
          return false;
        }
      } else {
        String name = AsciiStrings.fresh(b, nameStart, q - nameStart);
        if (unknown.contains(name) || b[p] == '[') {
          return false; // a repeat needs the strict parser's check; a nested value its skipping
        }
        p = value(p, -1, null);
        if (p < 0) {
          return false;
        }
        unknown.add(name);
      }
      p = ws(p);
      if (p >= end) {
        return false;
      }
      if (b[p] == '}') {
        return ws(p + 1) == end;
      }
      if (b[p] != ',') {
        return false;
      }
      p = ws(p + 1);
    }
  }

  /** The end of a scalar or string-array value starting at {@code p}, stored in raw[g] when g >= 0; or -1. */
  private int value(int p, int g, Object[] raw) {
    byte c = b[p];
    Object v;
    if (c == '"') {
      int q = plainString(p + 1);
      if (q < 0) {
        return -1;
      }
      v = g < 0 ? null : string(p + 1, q - p - 1, g);
      p = q + 1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      p = number(p);
      if (p < 0) {
        return -1;
      }
      v = g < 0 ? null : Long.valueOf(number);
    } else if (c == 't') {
      p = literal(p, "true");
      v = Boolean.TRUE;
    } else if (c == 'f') {
      p = literal(p, "false");
      v = Boolean.FALSE;
    } else if (c == 'n') {
      p = literal(p, "null");
      v = null;
    } else if (c == '[' && g >= 0) {
      List<Object> list = new ArrayList<>();
      p = ws(p + 1);
      if (p < end && b[p] == ']') {
        p++;
      } else {
        while (true) {
          if (p >= end || b[p] != '"') {
            return -1;
          }
          int q = plainString(p + 1);
          if (q < 0) {
            return -1;
          }
          list.add(strings.get(b, p + 1, q - p - 1));
          p = ws(q + 1);
          if (p >= end) {
            return -1;
          }
          if (b[p] == ']') {
            p++;
            break;
          }
          if (b[p] != ',') {
            return -1;
          }
          p = ws(p + 1);
        }
      }
      v = list;
    } else {
      return -1;
    }
    if (p >= 0 && g >= 0) {
      raw[g] = v;
    }
    return p;
  }

  private String string(int off, int len, int g) {
    if (CACHED[g]) {
      return strings.get(b, off, len);
    }
    String s = AsciiStrings.fresh(b, off, len);
    if (HASHED[g]) {
      s.hashCode();
    }
    return s;
  }

  /** The index of the closing quote of a string without escapes or control characters, or -1. */
  private int plainString(int p) {
    // eight bytes at a time: the first '"', '\\' or control character ends the fast scan
    while (p + 8 <= end) {
      long w = (long) LONGS.get(b, p);
      long q = w ^ QUOTES;
      long e = w ^ BACKSLASHES;
      long stop = ((q - ONES) & ~q) | ((e - ONES) & ~e) | (w - SPACES);
      stop &= HIGHS; // exact for the lowest marked byte of ASCII input (w has no high bits)
      if (stop != 0) {
        p += Long.numberOfTrailingZeros(stop) >>> 3;
        return b[p] == '"' ? p : -1;
      }
      p += 8;
    }
    while (p < end) {
      byte c = b[p];
      if (c == '"') {
        return p;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
      p++;
    }
    return -1;
  }

  private long number;

  /** Parses an integer into {@link #number}; returns its end, or -1 for anything else. */
  private int number(int p) {
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int start = p;
    long n = 0;
    while (p < end) {
      int d = b[p] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      n = n * 10 + d;
      p++;
    }
    int digits = p - start;
    if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && b[start] == '0')) {
      return -1;
    }
    if (p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')) {
      return -1;
    }
    number = negative ? -n : n;
    return p;
  }

  private int literal(int p, String word) {
    int n = word.length();
    if (p + n > end) {
      return -1;
    }
    for (int i = 0; i < n; i++) {
      if (b[p + i] != word.charAt(i)) {
        return -1;
      }
    }
    return p + n;
  }

  private int ws(int p) {
    while (p < end && (b[p] == ' ' || b[p] == '\t')) {
      p++;
    }
    return p;
  }
}
