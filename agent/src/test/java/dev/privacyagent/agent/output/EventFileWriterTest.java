package dev.privacyagent.agent.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.analyzer.codec.EventReader;
import dev.privacyagent.analyzer.collect.MetadataCollector;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.detect.PrivacyAnalyzer;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.HostCreated;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileWriterTest {
  @TempDir Path dir;

  static List<Event> read(Path f) throws Exception {
    List<Event> out = new ArrayList<>();
    try (EventReader r = EventReader.open(f, false)) { // strict: a broken line fails the test
      Event e;
      while ((e = r.next()) != null) {
        out.add(e);
      }
    }
    return out;
  }

  static HostCreated event(int i) {
    return new HostCreated(i, i, 1_700_000_000_000L + i, "12D3KooWnode", "12D3KooWnode", null);
  }

  /** Waits (bounded) until the writer has dealt with {@code n} events one way or the other. */
  static void awaitHandled(EventFileWriter w, long n) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (w.written() + w.dropped() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(w.written() + w.dropped()).as("events written or counted as lost").isEqualTo(n);
  }

  @Test
  void appendsReadableLinesAndRotatesBeforePassingTheLimit() throws Exception {
    Path f = dir.resolve("events.jsonl");
    Files.writeString(f, "");
    Failures failures = new Failures();
    EventFileWriter w = new EventFileWriter(f, 4096, 10_000, failures);
    w.start();
    for (int i = 1; i <= 200; i++) {
      w.accept(event(i));
    }
    w.close();
    assertThat(w.written()).isEqualTo(200);
    assertThat(w.dropped()).isZero();
    assertThat(failures.count()).isZero();
    Path rotated = dir.resolve("events.jsonl.1");
    assertThat(rotated).exists();
    // rotation happens before the line that would pass the limit: neither file is over it, and
    // the rotated one is full to within one line
    long line = Files.readAllLines(rotated).get(0).length() + 1;
    assertThat(Files.size(rotated)).isLessThanOrEqualTo(4096).isGreaterThan(4096 - 2 * line);
    assertThat(Files.size(f)).isLessThanOrEqualTo(4096);
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
      w.accept(new HostCreated(i, i, i, "n", "n", null));
    }
    assertThat(w.dropped()).isEqualTo(84);
  }

  @Test
  void aFullDiskCountsEveryLostEventAndNeverLeavesABrokenLine() throws Exception {
    Path f = dir.resolve("disk.jsonl");
    AtomicLong free = new AtomicLong(20_000);
    Failures failures = new Failures();
    EventFileWriter w = new EventFileWriter(f, 1 << 30, 100_000, failures,
        p -> new FullDiskChannel(
            FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ), free));
    w.start();
    for (int i = 1; i <= 2_000; i++) {
      w.accept(event(i));
      if (i % 100 == 0) {
        awaitHandled(w, i); // batches of 100 (~12 KB): the first fits, the second fills the disk
      }
    }
    assertThat(w.written()).as("events written before the disk filled").isPositive();
    assertThat(w.failedWrites()).as("events lost to the full disk").isPositive();
    assertThat(failures.count()).isPositive();
    // the file holds whole lines only, exactly the events counted as written
    assertThat(read(f)).hasSize((int) w.written());
    assertThat(Files.readString(f)).endsWith("\n");

    free.set(1 << 20); // space returns: writing resumes on a line of its own
    long before = w.written();
    for (int i = 2_001; i <= 2_100; i++) {
      w.accept(event(i));
    }
    awaitHandled(w, 2_100);
    w.close();
    assertThat(w.written()).isEqualTo(before + 100);
    List<Event> all = read(f);
    assertThat(all).hasSize((int) w.written());
    assertThat(all.get(all.size() - 1).seq()).isEqualTo(2_100);
    assertThat(w.written() + w.dropped()).isEqualTo(2_100);
  }

  @Test
  void aFragmentLeftByAnEarlierRunStaysALineOfItsOwn() throws Exception {
    Path f = dir.resolve("fragment.jsonl");
    Files.writeString(f, "{\"v\":1,\"type\":\"HostCreated\",\"seq\":1,\"mono");
    EventFileWriter w = new EventFileWriter(f, 1 << 20, 100, new Failures());
    w.start();
    w.accept(event(7));
    awaitHandled(w, 1);
    w.close();
    List<String> lines = Files.readAllLines(f);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("{").endsWith("}");
    try (EventReader r = new EventReader(Files.newInputStream(f), "f", true)) {
      assertThat(r.next().seq()).isEqualTo(7);
      assertThat(r.stats().skippedLines()).isEqualTo(1);
    }
  }

  @Test
  void lostEventsReachTheSummaryAndTheReport() throws Exception {
    Path f = dir.resolve("count.jsonl");
    AtomicLong free = new AtomicLong(0);
    EventFileWriter w = new EventFileWriter(f, 1 << 30, 100_000, new Failures(),
        p -> new FullDiskChannel(
            FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ), free));
    MetadataCollector collector = new MetadataCollector();
    collector.countEventsFileLosses(w::dropped);
    w.start();
    for (int i = 1; i <= 300; i++) {
      w.accept(event(i));
      collector.ingest(event(i));
    }
    awaitHandled(w, 300);
    w.close();
    Snapshot s = collector.snapshot();
    assertThat(s.counters().eventsFileLost()).isEqualTo(300);
    assertThat(PrivacyAnalyzer.class).isNotNull();
    var report = new PrivacyAnalyzer().analyze(s);
    assertThat(report.droppedTotal()).isEqualTo(300);
    assertThat(Summary.line(s, report, 0)).contains("dropped=300");
  }
}
