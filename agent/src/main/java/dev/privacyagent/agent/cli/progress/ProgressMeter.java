package dev.privacyagent.agent.cli.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Shows how far a long job is on standard error, from its own daemon thread so that the report
 * keeps coming while the job's thread is busy: a bar redrawn in place on a terminal (amount done
 * of total, rate, ETA), or a plain line every {@code every} otherwise. {@link #close()} prints the
 * closing line.
 */
public final class ProgressMeter implements AutoCloseable {
  /** How often the bar is redrawn. */
  static final Duration BAR_EVERY = Duration.ofMillis(200);
  /** How often a plain line is printed by default. */
  public static final Duration LINES_EVERY = Duration.ofSeconds(5);

  private final String label;
  private final ProgressText.Unit unit;
  private final LongSupplier done;
  private final long total;
  private final ProgressMode mode;
  private final PrintWriter err;
  private final long everyNanos;
  private final long start = System.nanoTime();
  private final Thread thread;
  private volatile boolean running = true;
  private int lastWidth;

  private ProgressMeter(String label, ProgressText.Unit unit, LongSupplier done, long total, ProgressMode mode,
      PrintWriter err, Duration every) {
    this.label = label;
    this.unit = unit;
    this.done = done;
    this.total = total;
    this.mode = mode;
    this.err = err;
    this.everyNanos = (mode == ProgressMode.bar ? BAR_EVERY : every).toNanos();
    this.thread = new Thread(this::loop, "progress-" + label);
    thread.setDaemon(true);
  }

  /**
   * Starts reporting.
   *
   * @param done the amount done so far, read from the meter's thread
   * @param total the whole amount; negative when not known
   * @param mode already {@linkplain ProgressMode#resolve() resolved}
   * @param every the interval of plain lines
   */
  public static ProgressMeter start(String label, ProgressText.Unit unit, LongSupplier done, long total,
      ProgressMode mode, PrintWriter err, Duration every) {
    ProgressMeter m = new ProgressMeter(label, unit, done, total, mode.resolve(), err, every);
    if (m.mode != ProgressMode.off) {
      m.thread.start();
    }
    return m;
  }

  private void loop() {
    long next = start + everyNanos;
    while (running) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        synchronized (this) {
          if (!running) {
            return;
          }
          try {
            wait(Math.max(1, wait / 1_000_000));
          } catch (InterruptedException e) {
            return;
          }
        }
        continue;
      }
      next += everyNanos;
      report();
    }
  }

  private synchronized void report() {
    if (!running) {
      return;
    }
    long now = System.nanoTime() - start;
    if (mode == ProgressMode.bar) {
      drawBar(ProgressText.bar(label, unit, done.getAsLong(), total, now));
    } else {
      err.println(ProgressText.line(label, unit, done.getAsLong(), total, now));
    }
    err.flush();
  }

  private void drawBar(String text) {
    // '\r' then the text, padded over a longer previous one: no terminal control sequences needed
    int pad = Math.max(0, lastWidth - text.length());
    err.print("\r" + text + " ".repeat(pad));
    lastWidth = text.length();
  }

  /** Stops the meter and prints the closing line (the full bar, then how much in how long). */
  @Override
  public void close() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      notifyAll();
    }
    if (mode == ProgressMode.off) {
      return;
    }
    try {
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long now = System.nanoTime() - start;
    long n = done.getAsLong();
    synchronized (this) {
      if (mode == ProgressMode.bar) {
        drawBar(ProgressText.bar(label, unit, n, total, now));
        err.println();
      }
      err.println(ProgressText.done(label, unit, n, now));
      err.flush();
    }
  }
}
