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
  private final List<String> markers;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final List<String> kept = new ArrayList<>();

  LineTap(PrintStream target, List<String> markers) {
    this.target = target;
    this.markers = List.copyOf(markers);
  }

  static LineTap install(String... markers) {
    LineTap tap = new LineTap(System.out, List.of(markers));
    System.setOut(new PrintStream(tap, true, StandardCharsets.UTF_8));
    return tap;
  }

  @Override
  public synchronized void write(int b) {
    target.write(b);
    if (b == '\n') {
      String s = line.toString(StandardCharsets.UTF_8);
      if (markers.stream().anyMatch(s::contains)) {
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
