package dev.privacyagent.agent.cli.progress;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal: Java 17 has no API for it, so Linux's /proc answers. */
final class Terminal {
  private Terminal() {}

  static boolean stderrIsTerminal() {
    String term = System.getenv("TERM");
    if (term == null || term.equals("dumb")) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false; // no /proc (not Linux) or no link: plain lines are always safe
    }
  }
}
