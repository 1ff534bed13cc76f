package dev.privacyagent.agent.dispatch;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands work from application threads to the agent's worker without any lock: a submit is one
 * lock-free enqueue (an executor's queue would take a lock), and the worker drains every
 * {@value #PERIOD_MS} ms. Bounded: beyond {@value #MAX_PENDING} pending tasks a submit is refused
 * and counted as an agent failure.
 */
final class Handoff implements Executor {
  static final long PERIOD_MS = 50;
  static final int MAX_PENDING = 10_000;

  private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final Failures failures;
  private final java.util.concurrent.ScheduledFuture<?> drainer;

  Handoff(ScheduledExecutorService worker, Failures failures) {
    this.failures = failures;
    this.drainer =
        worker.scheduleWithFixedDelay(this::drain, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  void stop() {
    drainer.cancel(false);
  }

  @Override
  public void execute(Runnable task) {
    if (size.incrementAndGet() > MAX_PENDING) {
      size.decrementAndGet();
      failures.record("handoff", new IllegalStateException("more than " + MAX_PENDING + " tasks pending"));
      return;
    }
    pending.offer(task);
  }

  void drain() {
    Runnable r;
    while ((r = pending.poll()) != null) {
      size.decrementAndGet();
      try {
        r.run();
      } catch (Throwable t) {
        failures.record("agent task", t);
      }
    }
    WeakIdentityMap.purgeAll(); // every 50 ms, here rather than on the application threads that write
  }
}
