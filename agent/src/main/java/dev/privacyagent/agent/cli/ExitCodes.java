package dev.privacyagent.agent.cli;

/** The process exit codes of every subcommand, listed in {@code --help}. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;
  public static final int INPUT = 3;
  public static final int OUTPUT = 4;

  /** For picocli's {@code exitCodeList}: "code:description". */
  static final String[] HELP = {
    "0:success (findings do not change the exit code)",
    "1:internal error (a bug: please report it)",
    "2:usage error: unknown or bad option or argument",
    "3:input error: missing or unreadable file, bad event line",
    "4:output error: the report or events could not be written"
  };

  private ExitCodes() {}
}
