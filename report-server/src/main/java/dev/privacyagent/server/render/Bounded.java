package dev.privacyagent.server.render;

/** Bounds peer-controlled strings before they leave the server in any form. */
public final class Bounded {
  /** Longest untrusted string sent to clients; longer ones end with an ellipsis. */
  public static final int MAX_STRING = 256;
  /** Most list entries (protocols, addresses) sent per peer. */
  public static final int MAX_LIST = 64;

  private Bounded() {}

  public static String text(String s) {
    return text(s, MAX_STRING);
  }

  public static String text(String s, int max) {
    if (s == null) {
      return null;
    }
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "\u2026";
  }
}
