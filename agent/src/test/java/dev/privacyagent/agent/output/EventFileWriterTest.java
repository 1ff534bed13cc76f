package dev.privacyagent.agent.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.analyzer.codec.EventReader;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.HostCreated;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileWriterTest {
  @TempDir Path dir;

  static List<Event> read(Path f) throws Exception {
    List<Event> out = new ArrayList<>();
    try (EventReader r = EventReader.open(f, false)) {
      Event e;
      while ((e = r.next()) != null) {
        out.add(e);
      }
    }
    return out;
  }

  @Test
  void appendsReadableLinesAndRotatesBySize() throws Exception {
    Path f = dir.resolve("events.jsonl");
    Files.writeString(f, "");
    Failures failures = new Failures();
    EventFileWriter w = new EventFileWriter(f, 4096, 10_000, failures);
    w.start();
    for (int i = 1; i <= 200; i++) {
      w.accept(new HostCreated(i, i, 1_700_000_000_000L + i, "12D3KooWnode", "12D3KooWnode"));
    }
    w.close();
    assertThat(w.written()).isEqualTo(200);
    assertThat(w.dropped()).isZero();
    assertThat(failures.count()).isZero();
    Path rotated = dir.resolve("events.jsonl.1");
    assertThat(rotated).exists();
    assertThat(Files.size(rotated)).isGreaterThanOrEqualTo(4096);
    List<Event> all = new ArrayList<>(read(rotated));
    all.addAll(read(f));
    // rotation keeps one older file: what is left is the newest events, in order, none twice
    assertThat(all).isNotEmpty().allMatch(e -> e instanceof HostCreated);
    List<Long> seqs = all.stream().map(Event::seq).toList();
    assertThat(seqs).isSorted().doesNotHaveDuplicates().contains(200L);
  }

  @Test
  void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
    Path f = dir.resolve("full.jsonl");
    EventFileWriter w = new EventFileWriter(f, 1 << 20, 16, new Failures());
    // not started: nothing drains, so the 17th offer onwards must be dropped at once
    for (int i = 0; i < 100; i++) {
      w.accept(new HostCreated(i, i, i, "n", "n"));
    }
    assertThat(w.dropped()).isEqualTo(84);
  }
}
