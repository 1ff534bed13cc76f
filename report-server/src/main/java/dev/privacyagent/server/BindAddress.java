package dev.privacyagent.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns the configured bind address into an {@link InetAddress} without any name resolution:
 * a dotted-quad IPv4 literal, an IPv6 literal (optionally in brackets), or {@code localhost},
 * which always means the loopback address and is never looked up. Everything else, including
 * words that happen to be hex digits ({@code cafe}, {@code dead}) and the short or numeric IPv4
 * forms that {@code InetAddress.getByName} would accept ({@code 127.1}, {@code 2130706433}), is
 * refused, so neither DNS nor the hosts file can decide where the server listens.
 */
final class BindAddress {
  private BindAddress() {}

  static InetAddress parse(String text) {
    if ("localhost".equalsIgnoreCase(text)) {
      return InetAddress.getLoopbackAddress();
    }
    InetAddress a = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    if (a == null) {
      throw new IllegalArgumentException(
          "bind address must be an IP literal (e.g. 127.0.0.1 or ::1) or 'localhost'");
    }
    return a;
  }

  private static InetAddress ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
          || (p.length() > 1 && p.charAt(0) == '0')) {
        return null;
      }
      int v = Integer.parseInt(p);
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    return byAddress(b);
  }

  private static InetAddress ipv6(String text) {
    String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1)
        : text;
    // Only hex digits, colons and an embedded dotted quad: no zone id, which would name an
    // interface, and nothing a resolver could take for a host name.
    if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return null;
    }
    try {
      // A string with a colon is parsed as an IPv6 literal and never resolved.
      return InetAddress.getByName(s);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress byAddress(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
