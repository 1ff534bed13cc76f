package dev.privacyagent.analyzer.codec;

import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.PingRtt;
import dev.privacyagent.analyzer.event.ProtocolNegotiated;
import dev.privacyagent.analyzer.event.StreamClosed;
import dev.privacyagent.analyzer.event.StreamOpened;
import java.util.function.Function;

/**
 * Plain constructor calls for the event types that make nearly all lines of a real events file
 * (streams and pings): a spread method handle held in a field is not inlined by the JIT and cost
 * a fifth of the parse. Every other type is built through its method handle. {@code
 * DirectConstructorsTest} checks each against the method handle.
 */
final class DirectConstructors {
  private DirectConstructors() {}

  /** The direct constructor of {@code c} (values in record component order), or null. */
  static Function<Object[], Event> of(Class<? extends Event> c) {
    if (c == StreamOpened.class) {
      return v -> new StreamOpened((Long) v[0], (Long) v[1], (Long) v[2], (String) v[3], (String) v[4],
          (String) v[5], (Direction) v[6]);
    } else if (c == ProtocolNegotiated.class) {
      return v -> new ProtocolNegotiated((Long) v[0], (Long) v[1], (Long) v[2], (String) v[3], (String) v[4],
          (String) v[5]);
    } else if (c == StreamClosed.class) {
      return v -> new StreamClosed((Long) v[0], (Long) v[1], (Long) v[2], (String) v[3], (String) v[4],
          (Long) v[5], (Long) v[6]);
    } else if (c == PingRtt.class) {
      return v -> new PingRtt((Long) v[0], (Long) v[1], (Long) v[2], (String) v[3], (String) v[4],
          (String) v[5], (Long) v[6]);
    }
    return null;
  }
}
