package dev.privacyagent.server.log;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Where the report server's own warnings go. Inside the agent that is the agent's log (the host
 * application's logging is never used); for {@code analyze --serve} it is stderr. A warning is one
 * line: no stack trace, control characters escaped, length bounded, and each kind at most once, so
 * a client that provokes errors on purpose cannot flood the log.
 */
public final class ServerLog {
  static final int MAX_LINE = 300;
  /** Distinct kinds remembered for once-only logging; beyond that new kinds are dropped. */
  static final int MAX_KINDS = 256;
  private static final PrintStream STDERR = System.err;
  private static volatile Consumer<String> sink = line -> STDERR.println("[report-server] WARN " + line);
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private ServerLog() {}

  /** Sends the server's warnings to {@code s} from now on (the agent passes its own log). */
  public static void setSink(Consumer<String> s) {
    sink = s == null ? line -> { } : s;
    captureNettyLogging();
  }

  /**
   * Makes Netty log through this class. Netty's classes look up their logger once, when they are
   * first used, so this runs before the server touches any of them.
   */
  public static void captureNettyLogging() {
    NettyLogBridge.install();
  }

  /** Logs {@code message} the first time {@code kind} is seen. Never throws. */
  public static void warnOnce(String kind, String message) {
    try {
      if (SEEN.size() >= MAX_KINDS || !SEEN.add(kind)) {
        return;
      }
      sink.accept(clean(message));
    } catch (RuntimeException ignored) {
      // Logging must never turn into a failure of the request that triggered it.
    }
  }

  /** The class of a failure and its message, on one clean line: what a warning says about it. */
  public static String describe(Throwable t) {
    if (t == null) {
      return "";
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /** Escapes control characters and cuts to {@link #MAX_LINE} characters. */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_LINE) + 8);
    for (int i = 0; i < s.length() && b.length() < MAX_LINE; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (b.length() >= MAX_LINE && s.length() > MAX_LINE) {
      b.setLength(MAX_LINE);
      b.append('…');
    }
    return b.toString();
  }
}
