package dev.privacyagent.analyzer.collect;

/**
 * The IP part of multiaddr strings ({@code /ip4/1.2.3.4/tcp/4001}, {@code /ip6/2001:db8::1/udp/1})
 * and the network prefix it belongs to: /24 for IPv4, /48 for IPv6 (an IPv4-mapped IPv6 address
 * counts as IPv4). Pure string work: never resolves a name.
 */
public final class Multiaddrs {
  private Multiaddrs() {}

  /** The IP address literal of {@code multiaddr}, or null when it has none (dns, p2p-circuit...). */
  public static String ip(String multiaddr) {
    if (multiaddr == null) {
      return null;
    }
    String s = multiaddr;
    if (s.startsWith("/ip6zone/")) {
      int next = s.indexOf('/', 9);
      if (next < 0) {
        return null;
      }
      s = s.substring(next);
    }
    boolean v4 = s.startsWith("/ip4/");
    if (!v4 && !s.startsWith("/ip6/")) {
      return null;
    }
    int end = s.indexOf('/', 5);
    String ip = end < 0 ? s.substring(5) : s.substring(5, end);
    return (v4 ? parse4(ip) != null : parse6(ip) != null) ? ip : null;
  }

  /** The /24 (IPv4) or /48 (IPv6) prefix of the IP in {@code multiaddr}, or null. */
  public static String prefix(String multiaddr) {
    String ip = ip(multiaddr);
    return ip == null ? null : prefixOfIp(ip);
  }

  /** The /24 or /48 prefix of an IP literal, or null when it is not one. */
  public static String prefixOfIp(String ip) {
    int[] v4 = parse4(ip);
    if (v4 != null) {
      return v4[0] + "." + v4[1] + "." + v4[2] + ".0/24";
    }
    int[] v6 = parse6(ip);
    if (v6 == null) {
      return null;
    }
    if (v6[0] == 0 && v6[1] == 0 && v6[2] == 0 && v6[3] == 0 && v6[4] == 0 && v6[5] == 0xffff) {
      return (v6[6] >> 8) + "." + (v6[6] & 0xff) + "." + (v6[7] >> 8) + ".0/24";
    }
    return Integer.toHexString(v6[0]) + ":" + Integer.toHexString(v6[1]) + ":"
        + Integer.toHexString(v6[2]) + "::/48";
  }

  /** Four octets, or null when {@code s} is not a dotted-quad IPv4 literal. */
  static int[] parse4(String s) {
    int[] out = new int[4];
    int part = 0;
    int value = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value < 0 ? c - '0' : value * 10 + (c - '0');
        if (value > 255) {
          return null;
        }
      } else if (c == '.' && value >= 0 && part < 3) {
        out[part++] = value;
        value = -1;
      } else {
        return null;
      }
    }
    if (part != 3 || value < 0) {
      return null;
    }
    out[3] = value;
    return out;
  }

  /** Eight 16-bit groups, or null when {@code s} is not an IPv6 literal (zone ids dropped). */
  static int[] parse6(String s) {
    int pct = s.indexOf('%');
    if (pct >= 0) {
      s = s.substring(0, pct);
    }
    if (s.isEmpty() || s.length() > 45 || s.indexOf(':') < 0) {
      return null;
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    String[] headTail = dbl >= 0 ? new String[] {s.substring(0, dbl), s.substring(dbl + 2)} : new String[] {s};
    int[][] parts = new int[headTail.length][];
    int total = 0;
    for (int h = 0; h < headTail.length; h++) {
      parts[h] = groups(headTail[h], h == headTail.length - 1);
      if (parts[h] == null) {
        return null;
      }
      total += parts[h].length;
    }
    if (dbl < 0 ? total != 8 : total > 7) {
      return null;
    }
    int[] out = new int[8];
    System.arraycopy(parts[0], 0, out, 0, parts[0].length);
    if (dbl >= 0) {
      System.arraycopy(parts[1], 0, out, 8 - parts[1].length, parts[1].length);
    }
    return out;
  }

  private static int[] groups(String s, boolean mayEndInV4) {
    if (s.isEmpty()) {
      return new int[0];
    }
    String[] g = s.split(":", -1);
    int extra = 0;
    int[] v4 = null;
    if (mayEndInV4 && g[g.length - 1].indexOf('.') >= 0) {
      v4 = parse4(g[g.length - 1]);
      if (v4 == null) {
        return null;
      }
      extra = 1; // one dotted quad fills two groups
    }
    int[] out = new int[g.length + extra];
    int n = v4 == null ? g.length : g.length - 1;
    for (int i = 0; i < n; i++) {
      if (g[i].isEmpty() || g[i].length() > 4) {
        return null;
      }
      int v = 0;
      for (int k = 0; k < g[i].length(); k++) {
        int d = Character.digit(g[i].charAt(k), 16);
        if (d < 0) {
          return null;
        }
        v = v * 16 + d;
      }
      out[i] = v;
    }
    if (v4 != null) {
      out[n] = v4[0] << 8 | v4[1];
      out[n + 1] = v4[2] << 8 | v4[3];
    }
    return out;
  }
}
