package dev.privacyagent.analyzer.codec;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** The parser threads shared by the {@link ParallelEventReader}s of one analysis. */
public final class ParsePool implements AutoCloseable {
  private final ExecutorService executor;
  private final int threads;

  public ParsePool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "event-parser-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** One parser per core. */
  public static ParsePool perCore() {
    return new ParsePool(Runtime.getRuntime().availableProcessors());
  }

  public int threads() {
    return threads;
  }

  <T> Future<T> submit(Callable<T> task) {
    return executor.submit(task);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
