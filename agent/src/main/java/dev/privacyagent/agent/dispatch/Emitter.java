package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Event;
import java.util.concurrent.atomic.LongAdder;

/** Hands finished events to the downstream sink (collector, events file) and counts them. */
final class Emitter {
  final Clock clock;
  private final EventSink downstream;
  private final LongAdder emitted = new LongAdder();

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
    emitted.increment();
    downstream.accept(e);
  }

  long emitted() {
    return emitted.sum();
  }
}
