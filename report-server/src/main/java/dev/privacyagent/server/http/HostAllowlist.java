package dev.privacyagent.server.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Host header values this server answers to. A browser tricked by DNS rebinding sends the
 * attacker's host name, which is not in this set, so the page and API never reach it.
 */
public final class HostAllowlist {
  private final Set<String> hosts;

  private HostAllowlist(Set<String> hosts) {
    this.hosts = Set.copyOf(hosts);
  }

  /**
   * Loopback names on the bound port, the bound address itself, and the configured extras; an
   * extra without a port means "on the bound port".
   */
  public static HostAllowlist forBound(InetAddress bound, int port, List<String> extras) {
    Set<String> s = new LinkedHashSet<>();
    s.add("127.0.0.1:" + port);
    s.add("localhost:" + port);
    s.add("[::1]:" + port);
    s.add(hostLiteral(bound) + ":" + port);
    for (String e : extras) {
      String h = e.toLowerCase(Locale.ROOT);
      boolean hasPort = h.startsWith("[") ? h.contains("]:") : h.contains(":");
      s.add(hasPort ? h : h + ":" + port);
    }
    return new HostAllowlist(s);
  }

  public static String hostLiteral(InetAddress a) {
    String text = a.getHostAddress();
    if (a instanceof Inet6Address) {
      int zone = text.indexOf('%');
      if (zone >= 0) {
        text = text.substring(0, zone);
      }
      if (a.isLoopbackAddress()) {
        return "[::1]";
      }
      return "[" + text + "]";
    }
    return text;
  }

  public boolean allows(String hostHeader) {
    return hostHeader != null && hosts.contains(hostHeader.trim().toLowerCase(Locale.ROOT));
  }

  public Set<String> hosts() {
    return hosts;
  }
}
