package dev.privacyagent.server.metrics;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes the Prometheus text exposition format (version 0.0.4): one HELP and TYPE line per
 * family, then its samples. Label values are escaped as the format requires.
 */
final class PromWriter {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private final StringBuilder out = new StringBuilder(4096);

  PromWriter family(String name, String type, String help) {
    requireName(name);
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** A family with one unlabelled sample. */
  PromWriter single(String name, String type, String help, double value) {
    return family(name, type, help).sample(name, value);
  }

  /** A sample; {@code labels} alternates label names and values. */
  PromWriter sample(String name, double value, String... labels) {
    requireName(name);
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels must be name/value pairs");
    }
    out.append(name);
    if (labels.length > 0) {
      out.append('{');
      for (int i = 0; i < labels.length; i += 2) {
        if (!LABEL.matcher(labels[i]).matches()) {
          throw new IllegalArgumentException("bad label name: " + labels[i]);
        }
        if (i > 0) {
          out.append(',');
        }
        out.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(format(value)).append('\n');
    return this;
  }

  static String escapeLabel(String v) {
    if (v == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static String escapeHelp(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** Turns an arbitrary key into a metric-name fragment. */
  static String sanitize(String key) {
    String s = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9_]", "_");
    return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
  }

  private static void requireName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad metric name: " + name);
    }
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
