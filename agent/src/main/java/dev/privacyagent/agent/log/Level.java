package dev.privacyagent.agent.log;

import java.util.Locale;

/** Agent log levels, most severe first. */
public enum Level {
  OFF,
  ERROR,
  WARN,
  INFO,
  DEBUG;

  /** Null when {@code s} names no level. */
  public static Level parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
