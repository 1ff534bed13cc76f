package dev.privacyagent.analyzer.detect;

/**
 * Classifies the host part of a multiaddr ({@code /ip4/10.0.0.1/tcp/4001}), of {@code ip:port}
 * or of a bare IP literal, without any name lookup. Documentation ranges (192.0.2.0/24,
 * 2001:db8::/32, ...) count as public: they stand in for public addresses in examples.
 */
public final class AddressClass {

  /** Where an address is routable. */
  public enum Scope {
    PUBLIC,
    PRIVATE,
    LOOPBACK,
    LINK_LOCAL,
    UNSPECIFIED,
    DNS,
    UNPARSEABLE;

    /** True for scopes that reveal something about an internal network. */
    public boolean internal() {
      return this == PRIVATE || this == LINK_LOCAL;
    }
  }

  /** A parsed host: {@code ip} is the normalized literal (or the DNS name), v6 when IPv6. */
  public record Host(String ip, boolean v6, Scope scope, int[] v4, int[] v6Groups) {
    /** The /24 (IPv4) or /48 (IPv6) prefix, or the host itself for DNS names. */
    public String prefix() {
      if (v4 != null) {
        return v4[0] + "." + v4[1] + "." + v4[2] + ".0/24";
      }
      if (v6Groups != null) {
        return String.format("%x:%x:%x::/48", v6Groups[0], v6Groups[1], v6Groups[2]);
      }
      return ip;
    }
  }

  private static final Host UNPARSEABLE = new Host("", false, Scope.UNPARSEABLE, null, null);

  private AddressClass() {}

  public static Host parse(String addr) {
    if (addr == null || addr.isBlank()) {
      return UNPARSEABLE;
    }
    String s = addr.trim();
    if (s.startsWith("/")) {
      String[] parts = s.split("/", 4);
      if (parts.length < 3) {
        return UNPARSEABLE;
      }
      return switch (parts[1]) {
        case "ip4" -> ipv4(parts[2]);
        case "ip6" -> ipv6(parts[2]);
        case "dns", "dns4", "dns6", "dnsaddr" -> new Host(parts[2], false, Scope.DNS, null, null);
        default -> UNPARSEABLE;
      };
    }
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      return close < 0 ? UNPARSEABLE : ipv6(s.substring(1, close));
    }
    if (s.indexOf(':') != s.lastIndexOf(':')) {
      return ipv6(s);
    }
    int colon = s.indexOf(':');
    return ipv4(colon < 0 ? s : s.substring(0, colon));
  }

  static Host ipv4(String s) {
    int[] o = parseV4(s);
    return o == null ? UNPARSEABLE : new Host(o[0] + "." + o[1] + "." + o[2] + "." + o[3], false, scopeV4(o), o, null);
  }

  private static int[] parseV4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] o = new int[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3) {
        return null;
      }
      for (int j = 0; j < p.length(); j++) {
        if (p.charAt(j) < '0' || p.charAt(j) > '9') {
          return null;
        }
      }
      o[i] = Integer.parseInt(p);
      if (o[i] > 255) {
        return null;
      }
    }
    return o;
  }

  static Scope scopeV4(int[] o) {
    if (o[0] == 0) {
      return Scope.UNSPECIFIED;
    }
    if (o[0] == 127) {
      return Scope.LOOPBACK;
    }
    if (o[0] == 169 && o[1] == 254) {
      return Scope.LINK_LOCAL;
    }
    if (o[0] == 10
        || (o[0] == 172 && o[1] >= 16 && o[1] <= 31)
        || (o[0] == 192 && o[1] == 168)
        || (o[0] == 100 && o[1] >= 64 && o[1] <= 127)) {
      return Scope.PRIVATE;
    }
    return Scope.PUBLIC;
  }

  static Host ipv6(String s) {
    int zone = s.indexOf('%');
    String lit = zone < 0 ? s : s.substring(0, zone);
    int[] g = parseV6(lit);
    if (g == null) {
      return UNPARSEABLE;
    }
    // IPv4-mapped (::ffff:a.b.c.d) is an IPv4 address on the wire.
    if (g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff) {
      int[] o = {g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff};
      return new Host(o[0] + "." + o[1] + "." + o[2] + "." + o[3], false, scopeV4(o), o, null);
    }
    StringBuilder norm = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      norm.append(i == 0 ? "" : ":").append(Integer.toHexString(g[i]));
    }
    return new Host(norm.toString(), true, scopeV6(g), null, g);
  }

  static Scope scopeV6(int[] g) {
    boolean zeroTo6 = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0 && g[6] == 0;
    if (zeroTo6 && g[7] == 0) {
      return Scope.UNSPECIFIED;
    }
    if (zeroTo6 && g[7] == 1) {
      return Scope.LOOPBACK;
    }
    if ((g[0] & 0xffc0) == 0xfe80) {
      return Scope.LINK_LOCAL;
    }
    if ((g[0] & 0xfe00) == 0xfc00) {
      return Scope.PRIVATE;
    }
    return Scope.PUBLIC;
  }

  private static int[] parseV6(String s) {
    if (s.isEmpty() || s.length() > 45) {
      return null;
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return null;
    }
    String head = dbl < 0 ? s : s.substring(0, dbl);
    String tail = dbl < 0 ? "" : s.substring(dbl + 2);
    int[] h = groups(head);
    int[] t = groups(tail);
    if (h == null || t == null) {
      return null;
    }
    if (dbl < 0 ? h.length != 8 : h.length + t.length > 7) {
      return null;
    }
    int[] g = new int[8];
    System.arraycopy(h, 0, g, 0, h.length);
    System.arraycopy(t, 0, g, 8 - t.length, t.length);
    return g;
  }

  /** Hex groups of one side of "::"; a trailing dotted quad counts as two groups. */
  private static int[] groups(String side) {
    if (side.isEmpty()) {
      return new int[0];
    }
    String[] parts = side.split(":", -1);
    int n = parts.length;
    boolean quad = parts[n - 1].contains(".");
    int[] out = new int[quad ? n + 1 : n];
    for (int i = 0; i < n; i++) {
      String p = parts[i];
      if (quad && i == n - 1) {
        int[] o = parseV4(p);
        if (o == null) {
          return null;
        }
        out[i] = (o[0] << 8) | o[1];
        out[i + 1] = (o[2] << 8) | o[3];
        continue;
      }
      if (p.isEmpty() || p.length() > 4) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < p.length(); j++) {
        int d = Character.digit(p.charAt(j), 16);
        if (d < 0) {
          return null;
        }
        v = (v << 4) | d;
      }
      out[i] = v;
    }
    return out;
  }
}
