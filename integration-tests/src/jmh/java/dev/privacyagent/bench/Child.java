package dev.privacyagent.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM whose stdout lines are read as they come, each with the parent's {@code nanoTime}
 * of arrival (start-up is measured from just before the spawn to the child's first line), and
 * whose stderr goes to a file.
 */
final class Child implements AutoCloseable {
  /** A stdout line, when it arrived, and the child's CPU time (ms, all threads) at that moment. */
  record Line(String text, long nanos, long cpuMillis) {}

  final long spawnedNanos;
  final Process process;
  final Path stderr;
  private final List<Line> lines = new ArrayList<>();

  private Child(long spawnedNanos, Process process, Path stderr) {
    this.spawnedNanos = spawnedNanos;
    this.process = process;
    this.stderr = stderr;
  }

  static Child start(List<String> command, Path stderr) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile());
    // the agent reads PRIVACY_AGENT_* too; the parent's settings must not leak into the children
    pb.environment().keySet().removeIf(k -> k.startsWith("PRIVACY_AGENT_"));
    long t0 = System.nanoTime();
    Child c = new Child(t0, pb.start(), stderr);
    Thread reader = new Thread(c::read, "child-stdout-" + c.process.pid());
    reader.setDaemon(true);
    reader.start();
    return c;
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String s;
      while ((s = in.readLine()) != null) {
        long now = System.nanoTime();
        long cpu = cpuMillis();
        synchronized (lines) {
          lines.add(new Line(s, now, cpu));
          lines.notifyAll();
        }
      }
    } catch (IOException e) {
      // the child was killed; what was read stays
    }
  }

  /** utime + stime of the child from /proc (clock ticks of 10 ms on Linux), or -1. */
  private long cpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 of proc(5), counted from the state field (3) after the command name
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The first stdout line starting with {@code prefix}, waiting up to {@code seconds}. */
  Line await(String prefix, long seconds) throws InterruptedException, IOException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    synchronized (lines) {
      while (true) {
        for (Line l : lines) {
          if (l.text().startsWith(prefix)) {
            return l;
          }
        }
        long left = end - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && lines.stream().noneMatch(l -> l.text().startsWith(prefix)))) {
          if (!process.isAlive()) {
            Thread.sleep(100); // let the reader take the last lines
            for (Line l : lines) {
              if (l.text().startsWith(prefix)) {
                return l;
              }
            }
          }
          throw new IllegalStateException("child " + process.pid() + " printed no '" + prefix + "' line"
              + (process.isAlive() ? " in " + seconds + " s" : " (exit " + process.exitValue() + ")")
              + "; stderr:\n" + tail());
        }
        // a child that dies without the line wakes no one: look again at least every second
        lines.wait(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(left))));
      }
    }
  }

  /** Every stdout line read so far. */
  List<Line> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  int waitFor(long seconds) throws InterruptedException, IOException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      close();
      throw new IllegalStateException("child did not exit in " + seconds + " s; stderr:\n" + tail());
    }
    return process.exitValue();
  }

  /** The agent's last summary line on the child's stderr, or "" when it printed none. */
  String agentSummary() throws IOException {
    String last = "";
    if (Files.exists(stderr)) {
      for (String s : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
        if (s.contains("[privacy-agent] summary:")) {
          last = s.substring(s.indexOf("summary:")).strip();
        }
      }
    }
    return last;
  }

  String tail() throws IOException {
    if (!Files.exists(stderr)) {
      return "";
    }
    String s = Files.readString(stderr, StandardCharsets.UTF_8);
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
