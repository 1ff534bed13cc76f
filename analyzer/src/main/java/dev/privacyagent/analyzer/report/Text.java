package dev.privacyagent.analyzer.report;

/**
 * String hygiene for values that came from the network (agentVersion, protocol ids, addresses).
 * Every untrusted string that enters a {@link Report} goes through {@link #bound}; renderers add
 * their own escaping on top (HTML in {@code render.Html}, terminals in {@link #printable}).
 */
public final class Text {
  /** Default bound for one untrusted string inside a report. */
  public static final int MAX = 256;

  /** Marker appended to a string cut by {@link #bound}. */
  public static final String ELLIPSIS = "\u2026";

  private Text() {}

  /**
   * {@code s} cut to at most {@code max} chars (the last being {@link #ELLIPSIS} when cut), never
   * splitting a surrogate pair; null stays null.
   */
  public static String bound(String s, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + ELLIPSIS;
  }

  public static String bound(String s) {
    return bound(s, MAX);
  }

  /**
   * {@code s} with every character a terminal could interpret replaced by {@code \\uXXXX}: C0 and
   * C1 controls (ANSI escape sequences start with ESC), DEL, line and paragraph separators and the
   * bidirectional overrides that can make text read differently from what it is.
   */
  public static String printable(String s) {
    if (s == null) {
      return "-";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (unsafeForTerminal(c)) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /** True for a character {@link #printable} escapes: one a terminal could interpret. */
  public static boolean unsafeForTerminal(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\u200e'
        || c == '\u200f';
  }

  /** Left-justified {@code s} padded or cut to exactly {@code width} chars (for tables). */
  public static String cell(String s, int width) {
    String v = s == null ? "-" : s;
    if (v.length() > width) {
      return bound(v, width);
    }
    return v + " ".repeat(width - v.length());
  }
}
