package dev.privacyagent.bench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes everything through to the real stdout and keeps the lines that contain a marker: JMH
 * relays a fork's output through the runner's stdout, which is how the agent's own final summary
 * line (events seen, dropped, agent errors) of each fork reaches the overhead table.
 */
final class LineTap extends OutputStream {
  private final PrintStream target;
  private final String marker;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final List<String> kept = new ArrayList<>();

  LineTap(PrintStream target, String marker) {
    this.target = target;
    this.marker = marker;
  }

  static LineTap install(String marker) {
    LineTap tap = new LineTap(System.out, marker);
    System.setOut(new PrintStream(tap, true, StandardCharsets.UTF_8));
    return tap;
  }

  @Override
  public synchronized void write(int b) {
    target.write(b);
    if (b == '\n') {
      String s = line.toString(StandardCharsets.UTF_8);
      if (s.contains(marker)) {
        kept.add(s.strip());
      }
      line.reset();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  @Override
  public void flush() {
    target.flush();
  }

  /** The kept lines since the last call. */
  synchronized List<String> drain() {
    List<String> out = new ArrayList<>(kept);
    kept.clear();
    return out;
  }
}
