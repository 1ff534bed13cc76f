package dev.privacyagent.analyzer.render;

import java.time.Instant;
import java.util.Locale;

/** Number, time and label formatting shared by the renderers. */
final class Format {
  private Format() {}

  static String instant(long wallMillis) {
    return wallMillis <= 0 ? "-" : Instant.ofEpochMilli(wallMillis).toString();
  }

  static String duration(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    long s = millis / 1000;
    if (s < 120) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    if (s < 7200) {
      return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %d min", s / 3600, (s % 3600) / 60);
  }

  static String bytes(long b) {
    if (b <= 0) {
      return "-";
    }
    if (b < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024.0));
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static String bar(double fraction, int width) {
    int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
    return "#".repeat(filled) + ".".repeat(width - filled);
  }

  static String riskLabel(double risk) {
    if (risk >= 0.75) {
      return "high risk";
    }
    if (risk >= 0.4) {
      return "elevated risk";
    }
    if (risk >= 0.15) {
      return "moderate risk";
    }
    return "low risk";
  }
}
