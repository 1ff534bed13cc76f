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
import org.junit.jupiter.api.Test;

/** The gossip event types in the JSON Lines codec (docs/events.md, "Gossip events"). */
class GossipCodecTest {
  private static final String HEAD = "{\"v\":1,\"seq\":1,\"timeNanos\":2,\"wallMillis\":3,\"node\":\"n\",";

  private static Event readOne(String line) throws IOException {
    return new EventReader(new StringReader(line + "\n"), "g.jsonl", false).next();
  }

  private static String write(Event e) throws IOException {
    StringWriter sw = new StringWriter();
    try (EventWriter w = new EventWriter(sw)) {
      w.write(e);
    }
    return sw.toString().strip();
  }

  @Test
  void publishLineHasTheDocumentedShape() throws IOException {
    Event e = SampleEvents.gossip(0, 0).stream().filter(x -> x instanceof GossipPublish).findFirst().orElseThrow();
    String line = write(e);
    assertThat(line).startsWith("{\"v\":1,\"type\":\"GossipPublish\",");
    assertThat(line).contains("\"topic\":\"" + SampleEvents.TOPIC + "\"", "\"messageId\":\"00ff10ab\"", "\"size\":220",
        "\"recipients\":1", "\"recipientPeers\":[\"" + SampleEvents.PEER + "\"]", "\"mode\":\"FANOUT\"",
        "\"idontwantBefore\":1");
    assertThat(readOne(line)).isEqualTo(e);
  }

  @Test
  void minimalLinesReadWithDefaults() throws IOException {
    assertThat(readOne(HEAD + "\"type\":\"GossipMeshChange\",\"peerId\":\"p\",\"topic\":\"t\",\"added\":true}"))
        .isEqualTo(new GossipMeshChange(1, 2, 3, "n", "p", "t", true, GossipInitiator.UNKNOWN, null, false));
    assertThat(readOne(HEAD + "\"type\":\"GossipPublish\",\"topic\":\"t\"}"))
        .isEqualTo(new GossipPublish(1, 2, 3, "n", "t", null, 0, 0, List.of(), GossipPublishMode.UNKNOWN, 0, 0, 0, null));
    assertThat(readOne(HEAD + "\"type\":\"GossipMessageReceived\",\"topic\":\"t\",\"peerId\":\"p\",\"first\":true}"))
        .isEqualTo(new GossipMessageReceived(1, 2, 3, "n", "t", null, "p", 0, true, GossipValidation.UNKNOWN, null));
  }

  @Test
  void badEnumValuesAndMissingRequiredFieldsAreClearErrors() {
    assertThatThrownBy(() -> readOne(HEAD + "\"type\":\"GossipPublish\",\"topic\":\"t\",\"mode\":\"GOSSIP\"}"))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("g.jsonl:1: field \"mode\" must be MESH, FANOUT, FLOOD or UNKNOWN, got \"GOSSIP\"");
    assertThatThrownBy(() -> readOne(HEAD + "\"type\":\"GossipMeshChange\",\"peerId\":\"p\",\"topic\":\"t\",\"initiator\":7}"))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("g.jsonl:1: field \"initiator\" must be a string, got an integer");
    assertThatThrownBy(() -> readOne(HEAD + "\"type\":\"GossipTopicStats\",\"topic\":\"t\"}"))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("g.jsonl:1: missing required field \"intervalNanos\" for GossipTopicStats");
    assertThatThrownBy(() -> readOne(HEAD + "\"type\":\"GossipLocalSubscription\"}"))
        .isInstanceOf(EventFormatException.class)
        .hasMessage("g.jsonl:1: missing required field \"topic\" for GossipLocalSubscription");
  }

  @Test
  void untrustedTopicsAndListsAreBoundedOnTheWayInAndOut() throws IOException {
    String topic = "/eth2/" + "x\u0007".repeat(5000);
    List<String> many = new ArrayList<>(Collections.nCopies(200, "t"));
    GossipPeerStats big = new GossipPeerStats(1, 2, 3, "n", "p", 10, 1, 0, 0, 0, 0, 0, 0, 0, 0, many);
    StringWriter sw = new StringWriter();
    try (EventWriter w = new EventWriter(sw)) {
      w.write(new GossipLocalSubscription(1, 2, 3, "n", topic, true, false));
      w.write(big);
      assertThat(w.truncated()).isEqualTo(2);
    }
    EventReader r = new EventReader(new StringReader(sw.toString()), "g.jsonl", false);
    GossipLocalSubscription s = (GossipLocalSubscription) r.next();
    assertThat(s.topic()).hasSize(Bounds.MAX_ID_CHARS).endsWith(Bounds.TRUNCATION_MARKER);
    assertThat(((GossipPeerStats) r.next()).firstDeliveryTopics()).hasSize(Bounds.MAX_LIST_ENTRIES);
    assertThat(r.stats().truncatedStrings()).isZero();

    // a file from another writer is cut by the reader too
    EventReader raw = new EventReader(new StringReader(
        HEAD + "\"type\":\"GossipPeerSubscription\",\"peerId\":\"p\",\"topic\":\"" + "a".repeat(9000) + "\"}\n"),
        "g.jsonl", false);
    assertThat(((GossipPeerSubscription) raw.next()).topic()).hasSize(Bounds.MAX_ID_CHARS);
    assertThat(raw.stats().truncatedStrings()).isEqualTo(1);
  }

  @Test
  void aFileWithoutGossipEventsStillReadsAndUnknownGossipFieldsAreCounted() throws IOException {
    String oldFile =
        "{\"v\":1,\"type\":\"HostCreated\",\"seq\":1,\"timeNanos\":1,\"wallMillis\":1,\"node\":\"n\",\"peerId\":\"n\"}\n"
            + HEAD + "\"type\":\"GossipLocalSubscription\",\"topic\":\"t\",\"subscribed\":true,\"futureField\":1}\n";
    EventReader r = new EventReader(new StringReader(oldFile), "g.jsonl", false);
    assertThat(r.next()).isInstanceOf(HostCreated.class);
    assertThat(r.next()).isEqualTo(new GossipLocalSubscription(1, 2, 3, "n", "t", true, false));
    assertThat(r.stats().unknownFieldNames()).containsEntry("GossipLocalSubscription.futureField", 1L);
  }

  @Test
  void everyExampleLineOfTheEventsDocReads() throws IOException {
    java.nio.file.Path doc = java.nio.file.Path.of("..", "docs", "events.md");
    List<String> lines = java.nio.file.Files.readAllLines(doc).stream()
        .filter(l -> l.startsWith("{\"v\":1,")).toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(6);
    EventReader r = new EventReader(new StringReader(String.join("\n", lines)), doc.toString(), false);
    List<Event> events = new ArrayList<>();
    r.copyTo(events::add);
    assertThat(events).hasSize(lines.size());
    assertThat(events).anyMatch(e -> e instanceof GossipPublish p && p.mode() == GossipPublishMode.FANOUT);
    assertThat(r.stats().unknownFields()).isZero();
  }
}
