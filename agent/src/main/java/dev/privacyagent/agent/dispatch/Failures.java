package dev.privacyagent.agent.dispatch;

import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.agent.log.Level;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts failures inside the agent and logs each distinct cause once, so that a bug in the agent
 * (or an unexpected jvm-libp2p variant) is visible without flooding the host's stderr. A failure
 * never propagates into the application.
 */
public final class Failures {

  private final LongAdder count = new LongAdder();

  public void record(String where, Throwable t) {
    count.increment();
    String cause = t.getClass().getName();
    AgentLog.once(
        Level.WARN,
        "failure:" + where + ":" + cause,
        "internal failure in " + where + " (" + cause + ": " + t.getMessage()
            + "); counted, further ones of this kind are not logged");
  }

  public long count() {
    return count.sum();
  }
}
