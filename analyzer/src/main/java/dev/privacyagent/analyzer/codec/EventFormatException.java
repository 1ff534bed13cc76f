package dev.privacyagent.analyzer.codec;

import java.io.IOException;

/** A line of event input that cannot be read; the message is {@code file:line: what is wrong}. */
public final class EventFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String problem;

  public EventFormatException(String source, long line, String problem) {
    super(source + ":" + line + ": " + problem);
    this.source = source;
    this.line = line;
    this.problem = problem;
  }

  public String source() {
    return source;
  }

  public long line() {
    return line;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
