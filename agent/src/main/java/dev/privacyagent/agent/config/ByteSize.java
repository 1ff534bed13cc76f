package dev.privacyagent.agent.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as configuration keys and command-line options write them: 4096, 512k, 64m, 1g (binary units). */
public final class ByteSize {
  private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]i?b?|b)?");

  private ByteSize() {}

  /** The size {@code text} names; IllegalArgumentException (saying why) when it names none. */
  public static long parse(String text) {
    Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT).replace(" ", ""));
    if (!m.matches()) {
      throw new IllegalArgumentException("expected a size such as 4096, 512k, 64m, 1g (binary units)");
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("number too large");
    }
    String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
    long mult =
        switch (unit) {
          case "k" -> 1L << 10;
          case "m" -> 1L << 20;
          case "g" -> 1L << 30;
          default -> 1L;
        };
    if (n > Long.MAX_VALUE / mult) {
      throw new IllegalArgumentException("number too large");
    }
    return n * mult;
  }
}
