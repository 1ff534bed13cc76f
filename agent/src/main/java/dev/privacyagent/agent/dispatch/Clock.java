package dev.privacyagent.agent.dispatch;

import java.util.concurrent.atomic.AtomicLong;

/** The header every event carries: a monotonic sequence number, nanoTime and wall-clock time. */
public final class Clock {
  private final AtomicLong seq = new AtomicLong();

  public long nextSeq() {
    return seq.incrementAndGet();
  }

  public long nanos() {
    return System.nanoTime();
  }

  public long wall() {
    return System.currentTimeMillis();
  }
}
