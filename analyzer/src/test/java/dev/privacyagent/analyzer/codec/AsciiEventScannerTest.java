package dev.privacyagent.analyzer.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.simulate.Scenario;
import dev.privacyagent.analyzer.simulate.TrafficSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fast path must only ever accept, and must accept with Jackson's values: every line, good or
 * mutated, reads through the parser threads' path (scanner, then Jackson) exactly as the
 * sequential reader reads it, and the agent's own lines never leave the fast path.
 */
class AsciiEventScannerTest {
  private static List<String> lines;

  @BeforeAll
  static void setUp() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (EventWriter w = new EventWriter(bytes)) {
      for (String scenario : List.of("all", "gossip")) {
        for (Event e : new TrafficSimulator(5, 40).generate(Scenario.parse(scenario))) {
          w.write(e);
        }
      }
    }
    Set<String> distinctShapes = new LinkedHashSet<>();
    lines = new ArrayList<>();
    for (String l : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      // keep every type and a sample of the rest, so that the mutation rounds stay fast
      String type = l.substring(0, Math.min(60, l.length()));
      if (distinctShapes.add(type.replaceAll("[0-9]", "")) || lines.size() < 3000) {
        lines.add(l);
      }
    }
  }

  @Test
  void theWritersLinesAllTakeTheFastPathWithTheStrictReadersValues() throws IOException {
    AsciiEventScanner scanner = new AsciiEventScanner(new AsciiStrings());
    Object[] raw = new Object[EventSchema.globalCount()];
    Set<String> types = new LinkedHashSet<>();
    for (String l : lines) {
      byte[] b = l.getBytes(StandardCharsets.US_ASCII);
      assertThat(scanner.scan(b, 0, b.length, raw, new ArrayList<>())).as(l).isTrue();
      types.add(scanner.typeName());
      java.util.Arrays.fill(raw, null);
      assertSameAsSequential(l);
    }
    assertThat(types).hasSizeGreaterThan(15);
  }

  @Test
  void handWrittenEdgeCasesReadAsTheSequentialReaderReadsThem() throws IOException {
    String ok = "{\"v\":1,\"type\":\"PingRtt\",\"seq\":1,\"timeNanos\":2,\"wallMillis\":3,\"node\":\"n\","
        + "\"connId\":\"c\",\"rttNanos\":4";
    String[] cases = {
      ok + "}", ok + " } ", " \t" + ok + "}", ok + ",\"remotePeerId\":null}", ok + ",\"x\":1}", ok + ",\"x\":[1]}",
      ok + ",\"x\":1,\"x\":2}", ok + ",\"seq\":1}", ok + ",\"seq\":-0}", ok + ",\"y\":-01}", ok + ",\"y\":01}",
      ok + ",\"y\":1.5}", ok + ",\"y\":1e3}", ok + ",\"y\":-}", ok + ",\"y\":+1}", ok + ",\"y\":tru}",
      ok + ",\"y\":truex}", ok + ",\"y\":nullx}", ok + ",\"y\":\"a\\\"b\"}", ok + ",\"node2\":\"\t\"}",
      ok + ",\"rttNanos\":123456789012345678}", ok.replace("\"rttNanos\":4", "\"rttNanos\":1234567890123456789") + "}",
      ok.replace("\"rttNanos\":4", "\"rttNanos\":99999999999999999999") + "}", ok + "}x", ok + "}}", ok + ",}",
      ok + ",,\"a\":1}", ok, "{}", "{ }", "{\"v\":1}", "{\"v\":\"1\",\"type\":\"PingRtt\"}", "{\"v\":1,\"type\":1}",
      "{\"v\":1,\"type\":\"Nope\"}", "{\"v\":1,\"type\":\"Nope\",\"q\":[\"a\"]}", "{\"v\":2,\"type\":\"PingRtt\"}",
      "{\"v\":-1,\"type\":\"PingRtt\"}", "{\"type\":\"PingRtt\",\"v\":1,\"v\":1}", "[]", "1", "\"s\"", "{\"v\" 1}",
      "{\"v\":1 \"type\":\"PingRtt\"}", "{'v':1}", "{\"v\":1,\"type\":\"IdentifyReceived\",\"protocols\":[]}",
      "{\"v\":1,\"type\":\"IdentifyReceived\",\"protocols\":[\"a\" , \"b\"]}",
      "{\"v\":1,\"type\":\"IdentifyReceived\",\"protocols\":[\"a\",]}",
      "{\"v\":1,\"type\":\"IdentifyReceived\",\"protocols\":[\"a\",1]}",
      "{\"v\":1,\"type\":\"IdentifyReceived\",\"protocols\":\"a\"}", ok + ",\"direction\":\"SIDEWAYS\"}",
      ok.replace("\"node\":\"n\"", "\"node\":\"" + "x".repeat(300) + "\"") + "}",
      ok + ",\"" + "k".repeat(1500) + "\":1}", ok + ",\"a\":{}}", ok + ",\"a\":[]}", ok + "\u007f}",
    };
    for (String c : cases) {
      assertSameAsSequential(c);
    }
  }

  @Test
  void mutatedLinesReadAsTheSequentialReaderReadsThem() throws IOException {
    Random rnd = new Random(7);
    String alphabet = "{}[]\":,0123456789-+.eEtrufalsn \t\\/xv";
    for (int round = 0; round < 8_000; round++) {
      StringBuilder l = new StringBuilder(lines.get(rnd.nextInt(lines.size())));
      int edits = 1 + rnd.nextInt(3);
      for (int e = 0; e < edits && l.length() > 0; e++) {
        int at = rnd.nextInt(l.length());
        char c = alphabet.charAt(rnd.nextInt(alphabet.length()));
        switch (rnd.nextInt(3)) {
          case 0 -> l.setCharAt(at, c);
          case 1 -> l.insert(at, c);
          default -> l.deleteCharAt(at);
        }
      }
      assertSameAsSequential(l.toString());
    }
  }

  /** One ASCII line through the chunk parser (lenient) and through the sequential reader. */
  private static void assertSameAsSequential(String line) throws IOException {
    byte[] b = (line + "\n").getBytes(StandardCharsets.US_ASCII);
    ChunkParser.Result chunk = ChunkParser.parse(b, b.length, 0, "f", true, 10);
    EventReader seq = new EventReader(new StringReader(line + "\n"), "f", true);
    List<Event> expected = new ArrayList<>();
    for (Event e = seq.next(); e != null; e = seq.next()) {
      expected.add(e);
    }
    ReadStats s = seq.stats();
    assertThat(chunk.events).as(line).isEqualTo(expected);
    assertThat(chunk.skipped).as(line).isEqualTo(s.skippedLines());
    List<String> problems = new ArrayList<>();
    for (ChunkParser.Problem p : chunk.problems) {
      problems.add("f:" + p.line() + ": " + p.message());
    }
    assertThat(problems).as(line).isEqualTo(s.problems());
    assertThat(chunk.decoder.unknownTypeNames()).as(line).isEqualTo(s.unknownTypeNames());
    assertThat(chunk.decoder.unknownFieldNames()).as(line).isEqualTo(s.unknownFieldNames());
    assertThat(chunk.decoder.truncated()).as(line).isEqualTo(s.truncatedStrings());
    assertThat(chunk.decoder.unknownTypeLines()).as(line).isEqualTo(s.unknownTypeLines());
    assertThat(chunk.decoder.unknownFields()).as(line).isEqualTo(s.unknownFields());
  }
}
