package dev.privacyagent.agent.cli.progress;

/** How a long command shows its progress on standard error ({@code --progress}). */
public enum ProgressMode {
  /** a bar when standard error is a terminal, plain periodic lines otherwise */
  auto,
  /** a bar redrawn in place */
  bar,
  /** plain periodic lines, for logs and pipes */
  lines,
  /** nothing */
  off;

  /** {@link #auto} made definite for this process. */
  public ProgressMode resolve() {
    if (this != auto) {
      return this;
    }
    return Terminal.stderrIsTerminal() ? bar : lines;
  }
}
