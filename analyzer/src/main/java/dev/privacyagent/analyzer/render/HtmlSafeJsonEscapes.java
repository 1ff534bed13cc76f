package dev.privacyagent.analyzer.render;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;

/** JSON escapes that also turn {@code < > & ' U+2028 U+2029} into {@code \\uXXXX}. */
final class HtmlSafeJsonEscapes extends CharacterEscapes {
  private static final long serialVersionUID = 1L;
  private final int[] table;

  HtmlSafeJsonEscapes() {
    table = standardAsciiEscapesForJSON();
    table['<'] = ESCAPE_STANDARD;
    table['>'] = ESCAPE_STANDARD;
    table['&'] = ESCAPE_STANDARD;
    table['\''] = ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return table;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    if (ch == 0x2028 || ch == 0x2029) {
      return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
    }
    return null;
  }
}
