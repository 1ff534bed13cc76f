package dev.privacyagent.analyzer.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.privacyagent.analyzer.event.*;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private static String write(List<? extends Event> events) throws IOException {
    StringWriter sw = new StringWriter();
    try (EventWriter w = new EventWriter(sw)) {
      for (Event e : events) {
        w.write(e);
      }
    }
    return sw.toString();
  }

  private static List<Event> readAll(EventReader r) throws IOException {
    List<Event> out = new ArrayList<>();
    r.copyTo(out::add);
    return out;
  }

  private static EventReader reader(String text, boolean lenient) {
    return new EventReader(new StringReader(text), "in.jsonl", lenient);
  }

  @Test
  void everyEventTypeRoundTrips() throws IOException {
    List<Event> events = SampleEvents.all();
    Set<String> covered = events.stream().map(Event::type).collect(Collectors.toSet());
    Set<String> all =
        EventSchema.eventRecords().stream().map(Class::getSimpleName).collect(Collectors.toSet());
    assertThat(all).contains("PingRtt", "GossipPublish", "GossipPeerStats").hasSize(24);
    assertThat(covered).isEqualTo(all);

    String text = write(events);
    assertThat(text.lines()).hasSize(events.size());
    EventReader r = reader(text, false);
    assertThat(readAll(r)).isEqualTo(events);
    assertThat(r.stats().events()).isEqualTo(events.size());
    assertThat(r.stats().notes()).isEmpty();
  }

  @Test
  void lineFormatStartsWithVersionAndType() throws IOException {
    String line = write(List.of(SampleEvents.all().get(5))).strip();
    assertThat(line).startsWith("{\"v\":1,\"type\":\"ConnectionOpened\",\"seq\":6,\"timeNanos\":1000005,\"wallMillis\":1767225600001,\"node\":");
    assertThat(line).contains("\"direction\":\"OUTBOUND\"", "\"preexisting\":true");
  }

  @Test
  void nullsAreOmittedAndReadBackAsNull() throws IOException {
    Event e = new StreamClosed(1, 2, 3, "n", "s", null, null);
    String text = write(List.of(e));
    assertThat(text).doesNotContain("bytesIn");
    assertThat(readAll(reader(text, false))).containsExactly(e);
  }

  @Test
  void fieldOrderDoesNotMatterAndCrLfIsAccepted() throws IOException {
    String text = "{\"connId\":\"c\",\"node\":\"n\",\"wallMillis\":3,\"timeNanos\":2,\"seq\":1,\"type\":\"ConnectionClosed\",\"v\":1}\r\n\n  \n";
    assertThat(readAll(reader(text, false))).containsExactly(new ConnectionClosed(1, 2, 3, "n", "c", null));
  }

  @Test
  void strictReadingStopsAtTheFirstBadLineWithFileAndLine() throws IOException {
    String good = write(List.of(SampleEvents.all().get(0)));
    String text = good + good + "{\"v\":1,\"type\":\"PingRtt\",\"seq\":1}\n" + good;
    EventReader r = reader(text, false);
    assertThat(r.next()).isNotNull();
    assertThat(r.next()).isNotNull();
    assertThatThrownBy(r::next)
        .isInstanceOf(EventFormatException.class)
        .hasMessage("in.jsonl:3: missing required field \"timeNanos\" for PingRtt");
  }

  @Test
  void explainsEachKindOfBadLine() {
    assertProblem("not json", "in.jsonl:1: invalid JSON");
    assertProblem("[1,2]", "in.jsonl:1: not a JSON object");
    assertProblem("{\"type\":\"HostCreated\"}", "in.jsonl:1: missing schema version \"v\"");
    assertProblem("{\"v\":2,\"type\":\"HostCreated\"}", "in.jsonl:1: unsupported schema version v=2 (this reader knows v=1)");
    assertProblem("{\"v\":1}", "in.jsonl:1: missing \"type\"");
    assertProblem(
        "{\"v\":1,\"type\":\"ConnectionClosed\",\"seq\":\"x\",\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\",\"connId\":\"c\"}",
        "in.jsonl:1: field \"seq\" must be an integer, got a string");
    assertProblem(
        "{\"v\":1,\"type\":\"ConnectionClosed\",\"seq\":1.5,\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\",\"connId\":\"c\"}",
        "in.jsonl:1: field \"seq\" must be an integer, got a fractional number");
    assertProblem(
        "{\"v\":1,\"type\":\"ConnectionClosed\",\"seq\":1,\"timeNanos\":1,\"wallMillis\":1,\"node\":{},\"connId\":\"c\"}",
        "in.jsonl:1: field \"node\" must be a string, got an object");
    assertProblem(
        "{\"v\":1,\"type\":\"StreamOpened\",\"seq\":1,\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\",\"streamId\":\"s\",\"connId\":\"c\",\"direction\":\"SIDEWAYS\"}",
        "in.jsonl:1: field \"direction\" must be INBOUND, OUTBOUND or UNKNOWN, got \"SIDEWAYS\"");
    assertProblem(
        "{\"v\":1,\"type\":\"DialStarted\",\"seq\":1,\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\",\"addrs\":[\"a\",3]}",
        "in.jsonl:1: field \"addrs\" must be an array of strings");
    assertProblem("{\"v\":1,\"v\":1}", "in.jsonl:1: invalid JSON: Duplicate field 'v'");
    assertProblem("{\"v\":1,\"type\":\"HostCreated\"} {}", "in.jsonl:1: unexpected content after the JSON object");
    assertProblem(
        "{\"v\":1,\"type\":\"PingRtt\",\"seq\":99999999999999999999,\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\",\"connId\":\"c\",\"rttNanos\":1}",
        "in.jsonl:1: field \"seq\" is out of the 64-bit integer range");
    assertProblem("{\"v\":1,\"type\":\"HostCreated\"," + "\"x\":\"" + "a".repeat(Bounds.MAX_LINE_CHARS) + "\"}",
        "in.jsonl:1: line longer than 1048576 characters");
  }

  private static void assertProblem(String line, String messagePrefix) {
    assertThatThrownBy(() -> readAll(reader(line + "\n", false)))
        .isInstanceOf(EventFormatException.class)
        .hasMessageStartingWith(messagePrefix)
        .satisfies(e -> assertThat(((EventFormatException) e).line()).isEqualTo(1));
  }

  @Test
  void lenientReadingSkipsAndCountsBadLines() throws IOException {
    String good = write(SampleEvents.all());
    String text = "garbage\n" + good + "{\"v\":1}\n" + "x".repeat(Bounds.MAX_LINE_CHARS + 10) + "\n" + good + "{\n";
    EventReader r = reader(text, true);
    List<Event> events = readAll(r);
    assertThat(events).hasSize(2 * SampleEvents.all().size());
    ReadStats s = r.stats();
    assertThat(s.skippedLines()).isEqualTo(4);
    assertThat(s.events()).isEqualTo(events.size());
    assertThat(s.lines()).isEqualTo(4 + 2L * SampleEvents.all().size());
    assertThat(s.problems()).hasSize(4);
    assertThat(s.problems().get(0)).startsWith("in.jsonl:1: invalid JSON");
    assertThat(s.problems().get(1)).isEqualTo("in.jsonl:" + (2 + SampleEvents.all().size()) + ": missing \"type\"");
    assertThat(s.notes()).contains("4 bad line(s) skipped (lenient mode)");
  }

  @Test
  void unknownTypesAndFieldsAreCountedAndListedNotDropped() throws IOException {
    String text =
        "{\"v\":1,\"type\":\"GossipGraft\",\"seq\":1,\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\"}\n"
            + "{\"v\":1,\"type\":\"GossipGraft\",\"seq\":2,\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\"}\n"
            + "{\"v\":1,\"type\":\"ConnectionClosed\",\"seq\":3,\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\",\"connId\":\"c\",\"topic\":{\"a\":[1]},\"streamId\":\"s\"}\n";
    for (boolean lenient : new boolean[] {false, true}) {
      EventReader r = reader(text, lenient);
      List<Event> events = readAll(r);
      assertThat(events).containsExactly(new ConnectionClosed(3, 1, 1, "n", "c", null));
      ReadStats s = r.stats();
      assertThat(s.unknownTypeLines()).isEqualTo(2);
      assertThat(s.unknownTypeNames()).containsEntry("GossipGraft", 2L);
      assertThat(s.unknownFields()).isEqualTo(2);
      assertThat(s.unknownFieldNames()).containsEntry("ConnectionClosed.topic", 1L).containsEntry("ConnectionClosed.streamId", 1L);
      assertThat(s.skippedLines()).isZero();
      assertThat(s.notes())
          .contains(
              "unknown event type 'GossipGraft' on 2 line(s), not analysed",
              "unknown field 'ConnectionClosed.topic' on 1 line(s), ignored");
    }
  }

  @Test
  void oversizedStringsAreTruncatedToTheirBoundAndCounted() throws IOException {
    String huge = "A".repeat(10_000);
    List<String> manyProtocols = new ArrayList<>(Collections.nCopies(100, "/p/1"));
    manyProtocols.set(0, huge);
    String text =
        "{\"v\":1,\"type\":\"IdentifyReceived\",\"seq\":1,\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\",\"connId\":\"c\","
            + "\"remotePeerId\":\"p\",\"agentVersion\":\"" + huge + "\",\"observedAddr\":\"" + huge + "\",\"listenAddrs\":[\"" + huge + "\"],"
            + "\"protocols\":" + manyProtocols.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(",", "[", "]")) + "}\n";
    EventReader r = reader(text, false);
    IdentifyReceived e = (IdentifyReceived) r.next();
    assertThat(e.agentVersion()).hasSize(Bounds.MAX_ID_CHARS).endsWith(Bounds.TRUNCATION_MARKER).startsWith("AAAA");
    assertThat(e.observedAddr()).hasSize(Bounds.MAX_ADDR_CHARS).endsWith(Bounds.TRUNCATION_MARKER);
    assertThat(e.listenAddrs().get(0)).hasSize(Bounds.MAX_ADDR_CHARS);
    assertThat(e.protocols()).hasSize(Bounds.MAX_LIST_ENTRIES);
    assertThat(e.protocols().get(0)).hasSize(Bounds.MAX_ID_CHARS);
    // agentVersion, observedAddr, one listen addr, the protocol list and its first entry
    assertThat(r.stats().truncatedStrings()).isEqualTo(5);

    // truncation is idempotent: writing and reading back changes nothing more
    EventReader again = reader(write(List.of(e)), false);
    assertThat(again.next()).isEqualTo(e);
    assertThat(again.stats().truncatedStrings()).isZero();
  }

  @Test
  void writerBoundsWhatItWrites() throws IOException {
    StringWriter sw = new StringWriter();
    try (EventWriter w = new EventWriter(sw)) {
      w.write(new ConnectionClosed(1, 1, 1, "n", "c", "r".repeat(5000)));
      assertThat(w.truncated()).isEqualTo(1);
    }
    ConnectionClosed back = (ConnectionClosed) reader(sw.toString(), false).next();
    assertThat(back.reason()).hasSize(Bounds.MAX_TEXT_CHARS);
  }

  @Test
  void cutNeverSplitsASurrogatePair() {
    String s = "a".repeat(Bounds.MAX_ID_CHARS - Bounds.TRUNCATION_MARKER.length() - 1) + "😀".repeat(50);
    String cut = Bounds.cut(s, Bounds.MAX_ID_CHARS);
    assertThat(cut).endsWith(Bounds.TRUNCATION_MARKER);
    assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - Bounds.TRUNCATION_MARKER.length() - 1))).isFalse();
  }
}
