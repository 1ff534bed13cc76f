package dev.privacyagent.agent.cli;

import dev.privacyagent.analyzer.report.Text;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
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

  /** The escaped message stream; it keeps the stream before escaping for {@link #unescaped}. */
  static final class Stream extends PrintWriter {
    private final PrintWriter raw;

    Stream(PrintWriter raw) {
      super(new TerminalSafeWriter(raw), true);
      this.raw = raw;
    }
  }

  /**
   * The stream before escaping, for what a command draws itself from its own text only (the
   * progress bar's carriage return); {@code err} itself when it is not a {@link Stream}.
   */
  static PrintWriter unescaped(PrintWriter err) {
    return err instanceof Stream s ? s.raw : err;
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
