package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Event;

/**
 * Hands finished events to the downstream sink (collector, events file). Open so that a concern
 * in its own package ({@code dispatch.gossip}) builds its events on the same header source.
 */
public class Emitter {
  final Clock clock;
  private final EventSink downstream;

  public Emitter(Clock clock, EventSink downstream) {
    this.clock = clock;
    this.downstream = downstream;
  }

  public long seq() {
    return clock.nextSeq();
  }

  public long nanos() {
    return clock.nanos();
  }

  public long wall() {
    return clock.wall();
  }

  public void emit(Event e) {
    downstream.accept(e);
  }
}
