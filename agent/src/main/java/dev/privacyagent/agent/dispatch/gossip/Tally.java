package dev.privacyagent.agent.dispatch.gossip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count that one thread adds to (a router's event thread, which runs every hook and listener
 * callback of that router) and another reads as deltas (the agent's stats flush). The writer
 * pays a plain read and a release store, no locked instruction: a delivery touches half a dozen
 * counts, and atomic increments were a measurable part of the agent's cost per message. The
 * reader never resets the count, it remembers what it took, so no race can lose or double an
 * increment.
 */
final class Tally {
  private static final VarHandle TOTAL;

  static {
    try {
      TOTAL = MethodHandles.lookup().findVarHandle(Tally.class, "total", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through TOTAL
  private volatile long total;
  /** The reader's: the total at its last {@link #takeDelta}. */
  private long taken;

  /** Writer thread only. */
  void add(long n) {
    TOTAL.setRelease(this, (long) TOTAL.getOpaque(this) + n);
  }

  void increment() {
    add(1);
  }

  long total() {
    return (long) TOTAL.getAcquire(this);
  }

  /** Reader thread only: what was added since its previous call. */
  long takeDelta() {
    long t = total();
    long d = t - taken;
    taken = t;
    return d;
  }
}
