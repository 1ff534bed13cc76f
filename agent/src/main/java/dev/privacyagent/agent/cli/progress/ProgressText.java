package dev.privacyagent.agent.cli.progress;

import java.util.Locale;

/** The text of one progress report; pure, so that its format is tested without a clock. */
public final class ProgressText {
  static final int BAR_WIDTH = 24;

  /** What is counted: bytes (shown as KB, MB, GB) or items such as events. */
  public enum Unit {
    BYTES,
    EVENTS
  }

  private ProgressText() {}

  /**
   * @param done amount done so far
   * @param total the whole amount, or a negative number when it is not known (standard input)
   * @param elapsedNanos time since the start
   */
  static String bar(String label, Unit unit, long done, long total, long elapsedNanos) {
    StringBuilder sb = new StringBuilder("[").append(label).append("] ");
    if (total > 0) {
      double f = Math.min(1.0, (double) done / total);
      int filled = (int) Math.round(f * BAR_WIDTH);
      sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
      sb.append(String.format(Locale.ROOT, "%3d%% ", (int) Math.floor(f * 100)));
    }
    sb.append(amounts(unit, done, total)).append("  ").append(rate(unit, done, elapsedNanos));
    String eta = eta(done, total, elapsedNanos);
    if (eta != null) {
      sb.append("  ETA ").append(eta);
    }
    return sb.toString();
  }

  /** One plain line for logs: {@code [analyze] 1.2 GB of 3.4 GB (35%), 152.0 MB/s, ETA 0:14}. */
  static String line(String label, Unit unit, long done, long total, long elapsedNanos) {
    StringBuilder sb = new StringBuilder("[").append(label).append("] ").append(amounts(unit, done, total));
    if (total > 0) {
      sb.append(String.format(Locale.ROOT, " (%d%%)", (int) Math.floor(100.0 * Math.min(done, total) / total)));
    }
    sb.append(", ").append(rate(unit, done, elapsedNanos));
    String eta = eta(done, total, elapsedNanos);
    if (eta != null) {
      sb.append(", ETA ").append(eta);
    }
    return sb.toString();
  }

  /** The closing line: how much in how long. */
  static String done(String label, Unit unit, long done, long elapsedNanos) {
    return String.format(Locale.ROOT, "[%s] %s in %.1f s (%s)", label, amount(unit, done), elapsedNanos / 1e9,
        rate(unit, done, elapsedNanos));
  }

  private static String amounts(Unit unit, long done, long total) {
    return total > 0 ? amount(unit, done) + " of " + amount(unit, total) : amount(unit, done);
  }

  static String amount(Unit unit, long n) {
    if (unit == Unit.EVENTS) {
      return String.format(Locale.ROOT, "%,d events", n);
    }
    if (n < 1_000) {
      return n + " B";
    }
    if (n < 1_000_000) {
      return String.format(Locale.ROOT, "%.1f KB", n / 1e3);
    }
    if (n < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f GB", n / 1e9);
  }

  private static String rate(Unit unit, long done, long elapsedNanos) {
    double perSecond = elapsedNanos <= 0 ? 0 : done / (elapsedNanos / 1e9);
    if (unit == Unit.EVENTS) {
      return String.format(Locale.ROOT, "%,.0f events/s", perSecond);
    }
    return String.format(Locale.ROOT, "%.1f MB/s", perSecond / 1e6);
  }

  /** {@code m:ss} (or {@code h:mm:ss}) left at the average rate so far; null when unknown. */
  static String eta(long done, long total, long elapsedNanos) {
    if (total <= 0 || done <= 0 || elapsedNanos <= 0) {
      return null;
    }
    long left = Math.max(0, total - done);
    long seconds = Math.round(left * (elapsedNanos / 1e9) / done);
    long h = seconds / 3600;
    long m = (seconds / 60) % 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
