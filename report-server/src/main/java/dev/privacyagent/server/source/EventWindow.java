package dev.privacyagent.server.source;

import dev.privacyagent.analyzer.event.Event;
import java.util.ArrayList;
import java.util.List;

/** Selects {@code seq > since} from an event list in seq order, at most {@code limit}. */
public final class EventWindow {
  private EventWindow() {}

  public static List<Event> since(List<Event> events, long since, int limit) {
    List<Event> out = new ArrayList<>(Math.min(limit, 64));
    for (Event e : events) {
      if (e.seq() > since) {
        out.add(e);
        if (out.size() == limit) {
          break;
        }
      }
    }
    return out;
  }
}
