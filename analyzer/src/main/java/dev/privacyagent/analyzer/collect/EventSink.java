package dev.privacyagent.analyzer.collect;

import dev.privacyagent.analyzer.event.Event;

/**
 * Where events go: the collector, a JSON Lines writer, a test list. Implementations say whether
 * they may be called from several threads.
 */
@FunctionalInterface
public interface EventSink {
  void accept(Event event);
}
