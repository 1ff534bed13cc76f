package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Event;

/** Hands finished events to the downstream sink (collector, events file). */
final class Emitter {
  final Clock clock;
  private final EventSink downstream;

  Emitter(Clock clock, EventSink downstream) {
    this.clock = clock;
    this.downstream = downstream;
  }

  long seq() {
    return clock.nextSeq();
  }

  long nanos() {
    return clock.nanos();
  }

  long wall() {
    return clock.wall();
  }

  void emit(Event e) {
    downstream.accept(e);
  }
}
