package dev.privacyagent.agent.cli;

import dev.privacyagent.analyzer.report.Text;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The command line's message stream: every character a terminal could interpret (an ESC that
 * starts a control sequence, other C0/C1 controls, bidi overrides; see {@link Text#printable})
 * is written as {@code \\uXXXX}, newlines excepted. Messages quote untrusted input (file names,
 * unknown type and field names, JSON tokens echoed by the parser), so escaping at this one exit
 * covers every message, including ones written later.
 */
final class TerminalSafeWriter extends FilterWriter {
  TerminalSafeWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    char ch = (char) c;
    if (ch != '\n' && Text.unsafeForTerminal(ch)) {
      out.write(String.format("\\u%04x", (int) ch));
    } else {
      out.write(ch);
    }
  }

  @Override
  public void write(char[] cbuf, int off, int len) throws IOException {
    int start = off;
    int end = off + len;
    for (int i = off; i < end; i++) {
      char ch = cbuf[i];
      if (ch != '\n' && Text.unsafeForTerminal(ch)) {
        out.write(cbuf, start, i - start);
        out.write(String.format("\\u%04x", (int) ch));
        start = i + 1;
      }
    }
    out.write(cbuf, start, end - start);
  }

  @Override
  public void write(String str, int off, int len) throws IOException {
    write(str.toCharArray(), off, len);
  }
}
