package dev.privacyagent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Starting sample-node.jar (with or without the agent) as a separate JVM, and reading its output. */
final class E2e {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path AGENT_JAR = Path.of(System.getProperty("privacy.agent.jar"));
  static final Path SAMPLE_JAR = Path.of(System.getProperty("sample.node.jar"));
  static final Path JS_DIR = Path.of(System.getProperty("js.peer.dir"));
  static final Path WORK = Path.of(System.getProperty("e2e.work.dir", System.getProperty("java.io.tmpdir")));

  /** The JDKs the end-to-end tests run the node on: -De2e.jdk17=/-De2e.jdk25= or found under /usr/lib/jvm. */
  static final Path JDK17 = jdk("e2e.jdk17", 17);
  static final Path JDK25 = jdk("e2e.jdk25", 25);

  private E2e() {}

  static Path javaOf(Path jdk) {
    Path java = jdk.resolve("bin").resolve("java");
    if (!Files.isExecutable(java)) {
      throw new AssertionError("no JDK at " + jdk + " (set -De2e.jdk17=/-De2e.jdk25= to a JDK home)");
    }
    return java;
  }

  /** The configured JDK home, else the running JDK when it has that feature version, else /usr/lib/jvm. */
  private static Path jdk(String property, int feature) {
    String configured = System.getProperty(property);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    if (Runtime.version().feature() == feature) {
      return Path.of(System.getProperty("java.home"));
    }
    Path fallback = Path.of("/usr/lib/jvm", feature == 17 ? "java-17-openjdk-amd64" : "temurin-" + feature + "-jdk-amd64");
    try (var dirs = Files.list(Path.of("/usr/lib/jvm"))) {
      return dirs.filter(d -> Files.isExecutable(d.resolve("bin/java")))
          .filter(d -> d.getFileName().toString().matches("(java|jdk|temurin|openjdk)-?" + feature + "\\b.*"))
          .sorted()
          .findFirst()
          .orElse(fallback);
    } catch (IOException e) {
      return fallback;
    }
  }

  static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  static Path dir(String name) throws IOException {
    Path d = WORK.resolve(name + "-" + System.nanoTime());
    Files.createDirectories(d);
    return d;
  }

  /** A running JVM whose stdout and stderr go to files in {@code dir}. */
  static final class Proc {
    final Process process;
    final Path out;
    final Path err;

    Proc(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    static Proc start(Path java, List<String> jvmArgs, List<String> appArgs, Path dir) throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(java.toString());
      cmd.addAll(jvmArgs);
      cmd.add("-jar");
      cmd.add(SAMPLE_JAR.toString());
      cmd.add("--js-dir=" + JS_DIR);
      cmd.addAll(appArgs);
      return run(cmd, dir);
    }

    /**
     * Runs {@code mainClass} of the test sources (a workload written against the test host's API)
     * on the test host of sample-node.jar.
     */
    static Proc startMain(Path java, List<String> jvmArgs, Class<?> mainClass, List<String> appArgs, Path dir)
        throws Exception {
      List<String> cmd = new ArrayList<>();
      cmd.add(java.toString());
      cmd.addAll(jvmArgs);
      cmd.add("-cp");
      cmd.add(SAMPLE_JAR + File.pathSeparator
          + Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI()));
      cmd.add(mainClass.getName());
      cmd.addAll(appArgs);
      return run(cmd, dir);
    }

    private static Proc run(List<String> cmd, Path dir) throws IOException {
      Path out = dir.resolve("stdout.jsonl");
      Path err = dir.resolve("stderr.txt");
      ProcessBuilder pb =
          new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().keySet().removeIf(k -> k.startsWith("PRIVACY_AGENT_"));
      return new Proc(pb.start(), out, err);
    }

    long pid() {
      return process.pid();
    }

    int await(long seconds) throws Exception {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("sample node did not finish in " + seconds + " s; stderr:\n" + stderr());
      }
      return process.exitValue();
    }

    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    String stderr() throws IOException {
      return Files.exists(err) ? Files.readString(err) : "";
    }

    List<JsonNode> truth() throws IOException {
      return jsonLines(out);
    }

    /** Waits until the ground truth holds {@code n} lines matching {@code p}. */
    void awaitTruth(Predicate<JsonNode> p, int n, long seconds) throws Exception {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        if (truth().stream().filter(p).count() >= n) {
          return;
        }
        if (!process.isAlive()) {
          throw new AssertionError("sample node exited early: " + stderr());
        }
        Thread.sleep(100);
      }
      throw new AssertionError("ground truth did not reach " + n + " lines in " + seconds + " s");
    }

    void awaitStderr(String text, long seconds) throws Exception {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        if (stderr().contains(text)) {
          return;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("stderr never showed '" + text + "':\n" + stderr());
    }
  }

  /** Every parseable JSON line of a file (a line being written at the moment is skipped). */
  static List<JsonNode> jsonLines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("{")) {
        try {
          out.add(JSON.readTree(line));
        } catch (IOException partial) {
          // the last line may be half-written while the process runs
        }
      }
    }
    return out;
  }

  static List<JsonNode> ofType(List<JsonNode> events, String type) {
    return events.stream().filter(e -> type.equals(e.path("type").asText())).toList();
  }

  static List<JsonNode> truthOf(List<JsonNode> truth, String event) {
    return truth.stream().filter(e -> event.equals(e.path("event").asText())).toList();
  }

  static String agentArg(String args) {
    return "-javaagent:" + AGENT_JAR + "=" + args;
  }

  /** {@code promtool check metrics} on an exposition: {exit code, output}. */
  static String[] promtoolCheckMetrics(String exposition) throws IOException, InterruptedException {
    Path promtool = Path.of(System.getProperty("promtool.path", "/usr/bin/promtool"));
    if (!java.nio.file.Files.isExecutable(promtool)) {
      throw new AssertionError("promtool not found at " + promtool + ": apt-get install -y prometheus, or run bin/test");
    }
    Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
    try (java.io.OutputStream in = p.getOutputStream()) {
      in.write(exposition.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException ignored) {
      // promtool may exit before reading everything; its exit code says why
    }
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("promtool did not finish in 30 s");
    }
    return new String[] {Integer.toString(p.exitValue()), out};
  }
}
