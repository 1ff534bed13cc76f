package dev.privacyagent.agent.log;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's own stderr logger, independent of whatever logging the host application uses (the
 * agent must neither configure nor depend on it). Lines start with {@code [privacy-agent]}.
 */
public final class AgentLog {

  public static final String PREFIX = "[privacy-agent] ";

  private static volatile Level level = Level.INFO;
  private static volatile PrintStream out = System.err;
  private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

  private AgentLog() {}

  public static void setLevel(Level l) {
    level = l;
  }

  public static Level level() {
    return level;
  }

  /** Redirects output (tests). */
  public static void setOut(PrintStream s) {
    out = s;
  }

  public static boolean enabled(Level l) {
    return l != Level.OFF && l.ordinal() <= level.ordinal();
  }

  public static void error(String msg) {
    log(Level.ERROR, msg);
  }

  public static void warn(String msg) {
    log(Level.WARN, msg);
  }

  public static void info(String msg) {
    log(Level.INFO, msg);
  }

  public static void debug(String msg) {
    log(Level.DEBUG, msg);
  }

  /** Logs {@code msg} the first time {@code key} is seen, never again. */
  public static boolean once(Level l, String key, String msg) {
    if (ONCE.add(key)) {
      log(l, msg);
      return true;
    }
    return false;
  }

  /** Prints a line regardless of level unless logging is off (summaries, reports). */
  public static void always(String msg) {
    if (level != Level.OFF) {
      out.println(PREFIX + msg);
    }
  }

  private static void log(Level l, String msg) {
    if (enabled(l)) {
      out.println(PREFIX + (l == Level.INFO ? "" : l.name() + " ") + msg);
    }
  }
}
