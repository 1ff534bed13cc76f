package dev.privacyagent.analyzer.codec;

/**
 * Size bounds for every peer-controlled or app-controlled value in an event. A remote peer chooses
 * its agentVersion, protocol ids and addresses, so nothing downstream may trust their size. These
 * are the only limits; docs/events.md documents the same numbers.
 */
public final class Bounds {
  /** Ids and short names: peer ids, connection and stream ids, agentVersion, protocol ids. */
  public static final int MAX_ID_CHARS = 256;

  /** Multiaddrs. */
  public static final int MAX_ADDR_CHARS = 512;

  /** Free text: error messages, close reasons. */
  public static final int MAX_TEXT_CHARS = 1024;

  /** Entries kept of any list (listen addresses, protocols, dial addresses). */
  public static final int MAX_LIST_ENTRIES = 64;

  /** Longest input line the reader accepts; a longer one is a bad line. */
  public static final int MAX_LINE_CHARS = 1 << 20;

  /**
   * Appended to a cut string; the result is exactly the bound long, so cutting twice changes
   * nothing.
   */
  public static final String TRUNCATION_MARKER = "…[truncated]";

  private Bounds() {}

  /** {@code s} cut to {@code max} chars (marker included), or {@code s} itself when it fits. */
  public static String cut(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int keep = max - TRUNCATION_MARKER.length();
    // never split a surrogate pair: half a character would be invalid UTF-16 downstream
    if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) {
      keep--;
    }
    return s.substring(0, keep) + TRUNCATION_MARKER;
  }
}
