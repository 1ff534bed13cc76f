package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Connections whose negotiated security protocol offers no protection ({@code /plaintext/*}: every
 * byte, peer id and protocol is visible on the path) or is deprecated ({@code /secio/*}: home-grown,
 * never formally analysed, deprecated by libp2p in 2020), and our own identify
 * advertising either.
 */
public final class WeakTransportSecurityDetector implements Detector {

  /**
   * @param plaintextPrefixes security protocol id prefixes that mean no encryption
   * @param deprecatedPrefixes security protocol id prefixes that are deprecated
   */
  public record Thresholds(List<String> plaintextPrefixes, List<String> deprecatedPrefixes) {
    public Thresholds {
      plaintextPrefixes = List.copyOf(plaintextPrefixes);
      deprecatedPrefixes = List.copyOf(deprecatedPrefixes);
    }

    public static Thresholds defaults() {
      return new Thresholds(List.of("/plaintext/"), List.of("/secio/"));
    }
  }

  private final Thresholds t;

  public WeakTransportSecurityDetector(Thresholds thresholds) {
    this.t = thresholds;
  }

  @Override
  public Category category() {
    return Category.TRANSPORT_SECURITY;
  }

  @Override
  public List<Finding> detect(Snapshot s) {
    List<ConnectionStats> plain = new ArrayList<>();
    List<ConnectionStats> deprecated = new ArrayList<>();
    for (ConnectionStats c : s.connections().values()) {
      if (matches(c.security(), t.plaintextPrefixes())) {
        plain.add(c);
      } else if (matches(c.security(), t.deprecatedPrefixes())) {
        deprecated.add(c);
      }
    }
    List<Finding> out = new ArrayList<>();
    if (!plain.isEmpty()) {
      out.add(finding("transport.plaintext", Severity.CRITICAL, plain, s,
          "%d connection(s) to %d peer(s) negotiated no encryption (%s): peer ids, protocols and payloads are readable by anyone on the path",
          "Remove the plaintext security transport from the host builder; offer only /noise (and /tls/1.0.0)."));
    }
    if (!deprecated.isEmpty()) {
      out.add(finding("transport.deprecated", Severity.HIGH, deprecated, s,
          "%d connection(s) to %d peer(s) negotiated a deprecated security protocol (%s)",
          "Disable secio (deprecated by libp2p since 2020, unmaintained); use /noise or /tls/1.0.0."));
    }
    TreeSet<String> advertised = new TreeSet<>();
    for (IdentifySent sent : s.disclosed().values()) {
      for (String p : sent.protocols()) {
        if (matches(p, t.plaintextPrefixes()) || matches(p, t.deprecatedPrefixes())) {
          advertised.add(p);
        }
      }
    }
    if (!advertised.isEmpty()) {
      out.add(new Finding(
          "transport.weak-advertised",
          Category.TRANSPORT_SECURITY,
          Severity.MEDIUM,
          1.0,
          "Our node advertises weak security protocols in identify: " + String.join(", ", advertised),
          Evidence.of().list("protocols", advertised).build(),
          "Stop offering weak security protocols; a downgrade-capable peer may select them."));
    }
    return out;
  }

  private static Finding finding(
      String id, Severity sev, List<ConnectionStats> conns, Snapshot s, String fmt, String rec) {
    TreeSet<String> peers = new TreeSet<>();
    TreeSet<String> protocols = new TreeSet<>();
    TreeSet<String> ids = new TreeSet<>();
    long open = 0;
    for (ConnectionStats c : conns) {
      peers.add(String.valueOf(c.remotePeerId()));
      protocols.add(c.security());
      ids.add(c.node() + "/" + c.connId());
      if (c.open()) {
        open++;
      }
    }
    return new Finding(
        id,
        Category.TRANSPORT_SECURITY,
        sev,
        1.0,
        String.format(fmt, conns.size(), peers.size(), String.join(", ", protocols)),
        Evidence.of()
            .put("connections", (long) conns.size())
            .put("openConnections", open)
            .put("shareOfConnections", Math.round(10_000.0 * conns.size() / Math.max(1, s.connections().size())) / 10_000.0)
            .list("securityProtocols", protocols)
            .list("peers", peers)
            .list("connectionIds", ids)
            .build(),
        rec);
  }

  static boolean matches(String value, List<String> prefixes) {
    if (value == null) {
      return false;
    }
    for (String p : prefixes) {
      if (value.startsWith(p) || value.equals(p.endsWith("/") ? p.substring(0, p.length() - 1) : p)) {
        return true;
      }
    }
    return false;
  }
}
