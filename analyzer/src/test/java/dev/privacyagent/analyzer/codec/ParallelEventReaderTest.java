package dev.privacyagent.analyzer.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.simulate.Scenario;
import dev.privacyagent.analyzer.simulate.TrafficSimulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parallel reader must read exactly what the sequential {@link EventReader} reads. */
class ParallelEventReaderTest {
  private static ParsePool pool;
  private static byte[] simulated;

  @BeforeAll
  static void setUp() throws IOException {
    pool = new ParsePool(2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EventWriter w = new EventWriter(bytes)) {
      for (Event e : new TrafficSimulator(3, 60).generate(Scenario.parse("all"))) {
        w.write(e);
      }
    }
    simulated = bytes.toByteArray();
  }

  @AfterAll
  static void tearDown() {
    pool.close();
  }

  /** Events, stats, or the strict error, as the text the comparison is made on. */
  private record Outcome(List<Event> events, ReadStats stats, String error) {}

  private static Outcome sequential(byte[] input, boolean lenient) throws IOException {
    EventReader r = new EventReader(
        new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8), "in.jsonl", lenient);
    List<Event> out = new ArrayList<>();
    try {
      for (Event e = r.next(); e != null; e = r.next()) {
        out.add(e);
      }
    } catch (EventFormatException e) {
      return new Outcome(out, null, e.getMessage());
    }
    return new Outcome(out, r.stats(), null);
  }

  private static Outcome parallel(byte[] input, boolean lenient, int chunk) throws IOException {
    List<Event> out = new ArrayList<>();
    try (ParallelEventReader r =
        new ParallelEventReader(new ByteArrayInputStream(input), "in.jsonl", lenient, pool, true, chunk)) {
      try {
        for (Event e = r.next(); e != null; e = r.next()) {
          out.add(e);
        }
      } catch (EventFormatException e) {
        return new Outcome(out, null, e.getMessage());
      }
      return new Outcome(out, r.stats(), null);
    }
  }

  private static void assertSame(byte[] input, boolean lenient, int... chunks) throws IOException {
    Outcome expected = sequential(input, lenient);
    for (int chunk : chunks) {
      Outcome got = parallel(input, lenient, chunk);
      assertThat(got.error()).as("error, chunk %d", chunk).isEqualTo(expected.error());
      assertThat(got.stats()).as("stats, chunk %d", chunk).isEqualTo(expected.stats());
      assertThat(got.events()).as("events, chunk %d", chunk).isEqualTo(expected.events());
    }
  }

  @Test
  void simulatedEventsReadTheSameInBothModes() throws IOException {
    Outcome expected = sequential(simulated, false);
    assertThat(expected.events()).hasSizeGreaterThan(10_000);
    assertSame(simulated, false, 4096, 65_536, ParallelEventReader.CHUNK_BYTES);
    assertSame(simulated, true, 4096);
  }

  /** Simulated lines with bad ones mixed in: every kind of problem the reader knows. */
  private static byte[] damaged(int everyN) throws IOException {
    String[] lines = new String(simulated, StandardCharsets.UTF_8).split("\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] bad = {
      "{not json",
      "[1,2]",
      "{\"v\":2,\"type\":\"PingRtt\"}",
      "{\"type\":\"PingRtt\"}",
      "{\"v\":1}",
      "{\"v\":1,\"type\":\"PingRtt\",\"seq\":\"x\"}",
      "{\"v\":1,\"type\":\"PingRtt\",\"seq\":99999999999999999999999}",
      "{\"v\":1,\"type\":\"PingRtt\",\"seq\":1,\"seq\":2}",
      "{\"v\":1,\"v\":1,\"type\":\"PingRtt\"}",
      "{\"v\":1,\"type\":\"PingRtt\",\"type\":\"PingRtt\"}",
      "{\"v\":1,\"type\":\"PingRtt\",\"u\":1,\"u\":2}",
      "{\"v\":1,\"type\":\"PingRtt\",\"peer\":null,\"peer\":\"x\"}",
      "{\"v\":1,\"type\":\"PingRtt\",\"x\":{\"a\":1,\"a\":2}}",
      "{\"v\":1,\"type\":\"PingRtt\",\"x\":{\"a\":1}}",
      "{\"v\":1,\"type\":\"IdentifyReceived\",\"protocols\":[{\"a\":1,\"a\":1}]}",
      "{\"v\":1,\"type\":\"IdentifyReceived\",\"protocols\":[\"a\",[1]]}",
      "{\"v\":1,\"type\":\"PingRtt\",\"node\":{\"b\":1}}",
      "{\"v\":1,\"type\":\"PingRtt\"} trailing",
      "{\"v\":1,\"type\":\"Unknown%d\"}",
      "{\"v\":1,\"type\":\"ConnectionOpened\",\"extra%d\":1,\"seq\":1}",
      "   \t ",
      "\u2003\u2003",
      "",
      "{\"v\":1,\"type\":\"PingRtt\",\"node\":\"caf\u00e9 \u00fc\u00f1\u00ee\u00e7\u00f8d\u00e9\"}",
      "{\"v\":1,\"type\":\"Caf\u00e9\"}",
    };
    for (int i = 0; i < lines.length; i++) {
      out.write(lines[i].getBytes(StandardCharsets.UTF_8));
      out.write(i % 7 == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
      if (i % everyN == 0) {
        String b = bad[(i / everyN) % bad.length];
        out.write(String.format(b.contains("%d") ? b : b.replace("%", "%%"), i / everyN).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
      if (i % (everyN * 5) == 3) {
        // malformed UTF-8: a lone continuation byte, a cut sequence, an encoded surrogate
        out.write(new byte[] {'{', (byte) 0x80, '"', (byte) 0xE2, (byte) 0x82, '\n'});
        out.write(("{\"v\":1,\"type\":\"PingRtt\",\"seq\":5,\"node\":\"a").getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}', '\n'});
      }
    }
    out.write("{\"v\":1,\"type\":\"NoNewlineAtEnd\"}\r".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  @Test
  void badLinesGiveTheSameCountsNamesAndProblems() throws IOException {
    byte[] input = damaged(97);
    Outcome expected = sequential(input, true);
    assertThat(expected.stats().skippedLines()).isGreaterThan(50);
    assertThat(expected.stats().unknownTypeNames()).hasSize(32); // the cap was reached
    assertThat(expected.stats().unknownFieldNames()).hasSize(32);
    assertSame(input, true, 4096, 65_536);
  }

  @Test
  void strictReadingStopsAtTheSameLineWithTheSameMessage() throws IOException {
    byte[] input = damaged(5000);
    assertThat(sequential(input, false).error()).startsWith("in.jsonl:");
    assertSame(input, false, 4096, 65_536);
    // an error after a long good stretch, past several chunks
    byte[] late = concat(simulated, "{\"v\":1,\"type\":\"PingRtt\",\"seq\":true}\n".getBytes(StandardCharsets.UTF_8));
    Outcome o = parallel(late, false, 8192);
    assertThat(o.error()).isEqualTo(sequential(late, false).error()).contains("must be an integer, got a boolean");
  }

  @Test
  void overlongLinesAreSkippedWithoutBeingHeld() throws IOException {
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    try (EventWriter w = new EventWriter(one)) {
      w.write(new dev.privacyagent.analyzer.event.PingRtt(1, 1, 1, "n", "c", "p", 1));
    }
    byte[] good = one.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(good);
    out.write(filled('a', Bounds.MAX_LINE_CHARS)); // exactly at the limit: a bad line, not a long one
    out.write('\n');
    out.write(filled('a', Bounds.MAX_LINE_CHARS + 1));
    out.write('\n');
    out.write(filled('a', Bounds.MAX_LINE_CHARS - 1));
    out.write(new byte[] {'\r', '\n'}); // the '\r' counts against the limit
    String e = "\u00e9"; // 2 bytes, 1 char: more bytes than the limit, fewer characters
    out.write(e.repeat(Bounds.MAX_LINE_CHARS / 2 + 10).getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    out.write(filled('b', ChunkParser.MAX_LINE_BYTES + 5000)); // skipped by the reader thread
    out.write('\n');
    out.write(good);
    out.write(filled('c', ChunkParser.MAX_LINE_BYTES + 10)); // and at the very end
    byte[] input = out.toByteArray();
    Outcome expected = sequential(input, true);
    assertThat(expected.events()).hasSize(2);
    assertThat(expected.stats().skippedLines()).isEqualTo(6);
    assertSame(input, true, 4096, ParallelEventReader.CHUNK_BYTES);
    assertSame(input, false, 4096);
  }

  @Test
  void randomBytesReadTheSame() throws IOException {
    Random rnd = new Random(42);
    for (int round = 0; round < 20; round++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      String[] lines = new String(simulated, 0, 200_000, StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length - 1; i++) {
        byte[] line = lines[i].getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(10) == 0) {
          line[rnd.nextInt(line.length)] = (byte) rnd.nextInt(256);
        }
        out.write(line);
        out.write('\n');
      }
      assertSame(out.toByteArray(), true, 1024 + rnd.nextInt(8192));
    }
  }

  @Test
  void closingEarlyStopsTheReaderThread() throws Exception {
    ParallelEventReader r =
        new ParallelEventReader(new ByteArrayInputStream(concat(simulated, simulated)), "in", false, pool, true, 4096);
    assertThat(r.next()).isNotNull();
    r.close();
    assertThat(r.next()).isNull();
    r.readerThread().join(10_000);
    assertThat(r.readerThread().isAlive()).isFalse();
  }

  private static byte[] filled(char c, int n) {
    byte[] b = new byte[n];
    java.util.Arrays.fill(b, (byte) c);
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

}
