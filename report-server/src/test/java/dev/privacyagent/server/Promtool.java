package dev.privacyagent.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs {@code promtool check metrics} on an exposition; a missing promtool is a failure. */
final class Promtool {
  /** promtool's exit code and everything it printed. */
  record Result(int exit, String output) {}

  private Promtool() {}

  static Result checkMetrics(String exposition) throws IOException, InterruptedException {
    Path promtool = Path.of(System.getProperty("promtool.path", "/usr/bin/promtool"));
    if (!Files.isExecutable(promtool)) {
      throw new AssertionError("promtool not found at " + promtool + ": install the Debian package"
          + " 'prometheus' (apt-get install -y prometheus) or run bin/test, which installs it");
    }
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
        .redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // promtool may exit before reading everything; its exit code says why
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool did not finish in 30 s");
    }
    return new Result(p.exitValue(), out);
  }
}
