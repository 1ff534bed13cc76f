package dev.privacyagent.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gossip router's event thread that is the benchmark thread itself, on a simulated clock: a task
 * submitted from outside runs at once, one submitted while a task runs queues behind it (as on a
 * real single-thread executor), and the heartbeat runs when {@link #advance} moves the clock past
 * it. So every hooked router call of a benchmark operation happens inside that operation, on the
 * thread JMH times, with nothing left to another thread.
 */
final class InlineEventThread extends AbstractExecutorService implements ScheduledExecutorService {
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private final List<Timer> timers = new ArrayList<>();
  private boolean running;
  private long nowMillis = 1_000_000;

  /** The simulated wall clock (the router's {@code currentTimeSupplier}). */
  long now() {
    return nowMillis;
  }

  /** Moves the clock on by {@code millis} and runs the timers that fell due. */
  void advance(long millis) {
    nowMillis += millis;
    for (int i = 0; i < timers.size(); i++) {
      Timer t = timers.get(i);
      if (!t.cancelled && t.dueMillis <= nowMillis) {
        t.dueMillis = t.periodMillis > 0 ? nowMillis + t.periodMillis : Long.MAX_VALUE;
        execute(t.task);
      }
    }
  }

  @Override
  public void execute(Runnable task) {
    queue.add(task);
    if (running) {
      return;
    }
    running = true;
    try {
      Runnable r;
      while ((r = queue.poll()) != null) {
        r.run();
      }
    } finally {
      running = false;
    }
  }

  private Timer timer(Runnable task, long delay, long period, TimeUnit unit) {
    Timer t = new Timer(task, nowMillis + unit.toMillis(delay), unit.toMillis(period));
    timers.add(t);
    return t;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return timer(command, delay, 0, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("not used by the router");
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return timer(command, initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return timer(command, initialDelay, delay, unit);
  }

  @Override
  public void shutdown() {
    timers.clear();
  }

  @Override
  public List<Runnable> shutdownNow() {
    timers.clear();
    return Collections.emptyList();
  }

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private static final class Timer implements ScheduledFuture<Object> {
    final Runnable task;
    final long periodMillis;
    long dueMillis;
    boolean cancelled;

    Timer(Runnable task, long dueMillis, long periodMillis) {
      this.task = task;
      this.dueMillis = dueMillis;
      this.periodMillis = periodMillis;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      return true;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return cancelled;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }
  }
}
