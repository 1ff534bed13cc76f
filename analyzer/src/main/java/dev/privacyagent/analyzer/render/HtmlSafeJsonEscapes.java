package dev.privacyagent.analyzer.render;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import dev.privacyagent.analyzer.report.Text;

/**
 * JSON escapes that also turn {@code < > & '} and every character a terminal could interpret
 * ({@link Text#unsafeForTerminal}: DEL, C1 controls, line separators, bidi overrides) into
 * {@code \\uXXXX}, so that a JSON report is safe in HTML and on a terminal.
 */
final class HtmlSafeJsonEscapes extends CharacterEscapes {
  private static final long serialVersionUID = 1L;
  private final int[] table;

  HtmlSafeJsonEscapes() {
    table = standardAsciiEscapesForJSON();
    table['<'] = ESCAPE_STANDARD;
    table['>'] = ESCAPE_STANDARD;
    table['&'] = ESCAPE_STANDARD;
    table['\''] = ESCAPE_STANDARD;
    table[0x7f] = ESCAPE_STANDARD;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return table;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    if (ch <= 0xffff && Text.unsafeForTerminal((char) ch)) {
      return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04x", ch));
    }
    return null;
  }
}
