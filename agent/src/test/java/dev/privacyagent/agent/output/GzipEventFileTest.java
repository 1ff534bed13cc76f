package dev.privacyagent.agent.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.analyzer.codec.EventReader;
import dev.privacyagent.analyzer.codec.EventStreams;
import dev.privacyagent.analyzer.event.Event;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eventsGzip=true}: the events file is gzip, written as whole members, appendable. */
class GzipEventFileTest {
  @TempDir Path dir;

  private static List<Event> read(Path f) throws Exception {
    List<Event> out = new ArrayList<>();
    try (InputStream in = EventStreams.decompressing(Files.newInputStream(f));
        EventReader r = new EventReader(in, f.toString(), false)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        out.add(e);
      }
    }
    return out;
  }

  @Test
  void writesGzipMembersThatReadBackAsOneStreamAcrossRestarts() throws Exception {
    Path f = dir.resolve("events.jsonl.gz");
    Failures failures = new Failures();
    // two agent runs appending to the same file: two or more members, one stream to the reader
    for (int run = 0; run < 2; run++) {
      EventFileWriter w = new EventFileWriter(f, 1 << 30, 100_000, failures, true);
      w.start();
      for (int i = 1; i <= 20_000; i++) {
        w.accept(EventFileWriterTest.event(run * 20_000 + i));
      }
      EventFileWriterTest.awaitHandled(w, 20_000);
      w.close();
      assertThat(w.written()).isEqualTo(20_000);
    }
    assertThat(failures.count()).isZero();
    byte[] bytes = Files.readAllBytes(f);
    assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0x1f, 0x8b);
    List<Event> all = read(f);
    assertThat(all).hasSize(40_000);
    assertThat(all.stream().map(Event::seq).toList()).isSorted().doesNotHaveDuplicates();
    // compressed: far smaller than the same lines in plain text
    assertThat((long) bytes.length).isLessThan(40_000L * 100 / 5);
  }

  @Test
  void aQuietWriterStillWritesItsMemberWithinAboutASecond() throws Exception {
    Path f = dir.resolve("quiet.jsonl.gz");
    EventFileWriter w = new EventFileWriter(f, 1 << 30, 100, new Failures(), true);
    w.start();
    try {
      w.accept(EventFileWriterTest.event(1));
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (w.written() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(w.written()).isEqualTo(1);
      assertThat(read(f)).hasSize(1);
    } finally {
      w.close();
    }
  }
}
