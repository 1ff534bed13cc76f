package dev.privacyagent.analyzer.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.PingRtt;
import dev.privacyagent.analyzer.event.ProtocolNegotiated;
import dev.privacyagent.analyzer.event.StreamClosed;
import dev.privacyagent.analyzer.event.StreamOpened;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A direct constructor must build what the record's own constructor (its method handle) builds. */
class DirectConstructorsTest {

  @Test
  void directConstructorsPassEveryComponentToItsOwnPlace() {
    // every component distinct, so that two swapped arguments cannot go unnoticed
    List<Event> events = List.of(
        new StreamOpened(1, 2, 3, "node", "stream", "conn", Direction.INBOUND),
        new StreamOpened(1, 2, 3, "node", "stream", "conn", Direction.UNKNOWN),
        new ProtocolNegotiated(4, 5, 6, "node", "stream", "/proto"),
        new StreamClosed(7, 8, 9, "node", "stream", 10L, 11L),
        new StreamClosed(7, 8, 9, "node", "stream", null, 11L),
        new PingRtt(12, 13, 14, "node", "conn", "peer", 15));
    for (Event e : events) {
      EventSchema.Type t = EventSchema.of(e);
      assertThat(t.direct()).as(t.name()).isNotNull();
      Object[] values = new Object[t.fields().length];
      for (int i = 0; i < values.length; i++) {
        values[i] = t.get(i, e);
      }
      assertThat(t.construct(values)).isEqualTo(e).isEqualTo(t.viaHandle(values));
    }
  }
}
