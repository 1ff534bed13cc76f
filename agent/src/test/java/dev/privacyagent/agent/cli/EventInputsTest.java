package dev.privacyagent.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.codec.EventWriter;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.PingRtt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventInputsTest {
  @TempDir Path dir;

  private Path file(String name, String node, long startWall, long step, int n) throws IOException {
    Path f = dir.resolve(name);
    try (OutputStream os = Files.newOutputStream(f); EventWriter w = new EventWriter(os)) {
      for (int i = 0; i < n; i++) {
        w.write(new PingRtt(i + 1, i, startWall + i * step, node, "c", "p", 1));
      }
    }
    return f;
  }

  @Test
  void mergesSeveralInputsByWallTimeAndCountsTheirBytes() throws IOException {
    Path a = file("a.jsonl", "A", 1000, 10, 3000);
    Path b = file("b.jsonl", "B", 1005, 10, 3000);
    List<Event> seen = new ArrayList<>();
    try (EventInputs in = new EventInputs(List.of(a.toString(), b.toString()), false, new ByteArrayInputStream(new byte[0]))) {
      assertThat(in.totalBytes()).isEqualTo(Files.size(a) + Files.size(b));
      assertThat(in.copyTo(seen::add)).isEqualTo(6000);
      assertThat(in.stats().lines()).isEqualTo(6000);
      assertThat(in.bytesRead()).isEqualTo(in.totalBytes());
    }
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i).wallMillis()).isGreaterThanOrEqualTo(seen.get(i - 1).wallMillis());
    }
    assertThat(seen.get(0).node()).isEqualTo("A");
    assertThat(seen.get(1).node()).isEqualTo("B");
  }
}
