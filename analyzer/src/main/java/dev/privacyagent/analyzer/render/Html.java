package dev.privacyagent.analyzer.render;

/**
 * The one HTML escaping routine. Its output is safe in element text and in double- or
 * single-quoted attribute values: {@code & < > " ' `} become character references and control
 * characters (other than tab, CR, LF) become U+FFFD. Never use it for unquoted attributes, URLs,
 * scripts or styles: the renderers put untrusted text in none of those.
 */
public final class Html {
  private Html() {}

  public static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String rep = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        case '`' -> "&#96;";
        default -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f) ? "\uFFFD" : null;
      };
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(rep);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }
}
