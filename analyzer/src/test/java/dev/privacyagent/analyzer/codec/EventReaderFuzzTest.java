package dev.privacyagent.analyzer.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.report.Text;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the JSON Lines reader (docs/security.md, "Fuzzing"). For any bytes:
 * lenient reading never throws, and strict reading throws only {@link EventFormatException}; every
 * problem names the line and stays bounded; every event read writes back and re-reads as itself
 * (so the writer can always store what the reader accepts).
 */
class EventReaderFuzzTest {
  static final int MAX_MESSAGE = 600;

  @FuzzTest(maxDuration = "10s")
  void readerSurvivesAnyInput(byte[] input) throws IOException {
    check(input);
  }

  /** The entry point of bin/fuzz (Jazzer's standalone driver) for longer runs. */
  public static void fuzzerTestOneInput(byte[] input) throws IOException {
    check(input);
  }

  static void check(byte[] input) throws IOException {
    List<Event> events = new ArrayList<>();
    try (EventReader r = new EventReader(new ByteArrayInputStream(input), "f", true)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        events.add(e);
      }
      ReadStats s = r.stats();
      assertThat(s.events()).isEqualTo(events.size());
      assertThat(s.events() + s.skippedLines() + s.unknownTypeLines()).isLessThanOrEqualTo(s.lines());
      for (String p : s.problems()) {
        assertThat(p).startsWith("f:").hasSizeLessThan(MAX_MESSAGE);
      }
      for (String n : s.notes()) {
        assertThat(n).hasSizeLessThan(MAX_MESSAGE);
      }
    }
    try (EventReader strict = new EventReader(new ByteArrayInputStream(input), "f", false)) {
      while (strict.next() != null) {
        // reading to the end or to the first bad line
      }
    } catch (EventFormatException e) {
      assertThat(e.getMessage()).startsWith("f:").hasSizeLessThan(MAX_MESSAGE);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EventWriter w = new EventWriter(out)) {
      for (Event e : events) {
        w.write(e);
      }
    }
    List<Event> again = new ArrayList<>();
    try (EventReader r = new EventReader(new ByteArrayInputStream(out.toByteArray()), "g", false)) {
      for (Event e = r.next(); e != null; e = r.next()) {
        again.add(e);
      }
    }
    assertThat(again).isEqualTo(events);
    assertThat(Text.printable(out.toString(java.nio.charset.StandardCharsets.UTF_8))).isNotNull();
  }
}
