package dev.privacyagent.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a second JVM and captures its output, bounded in time. */
final class Jvm {
  record Result(int exit, String stdout, String stderr) {
    List<String> stderrLines() {
      return stderr.lines().toList();
    }
  }

  static final String AGENT_JAR = System.getProperty("privacy.agent.jar");
  static final String TEST_CLASSES = System.getProperty("test.classes.dir");

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Result run(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
    Process p = start(args);
    return finish(p, timeoutSeconds);
  }

  static Process start(List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.addAll(args);
    Path out = Files.createTempFile("jvm-out", ".txt");
    Path err = Files.createTempFile("jvm-err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("PRIVACY_AGENT_"));
    Process p = pb.start();
    OUT.put(p, new Path[] {out, err});
    return p;
  }

  private static final java.util.Map<Process, Path[]> OUT = new java.util.concurrent.ConcurrentHashMap<>();

  static Result finish(Process p, long timeoutSeconds) throws IOException, InterruptedException {
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("JVM did not finish within " + timeoutSeconds + " s: " + stderr(p));
    }
    return new Result(p.exitValue(), Files.readString(OUT.get(p)[0]), stderr(p));
  }

  static String stderr(Process p) throws IOException {
    return Files.readString(OUT.get(p)[1]);
  }

  private Jvm() {}
}
