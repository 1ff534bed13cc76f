package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.ConnectionStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.analyzer.event.Transports;
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
 * advertising either. Every connection counts as encrypted, weak or unknown: Noise and TLS are
 * encrypted, and so is QUIC whatever its record says (it always runs TLS 1.3 inside, see
 * {@link Transports}); a connection with no security id the detector knows is reported (INFO), so
 * that "no finding" never stands for "not looked at".
 */
public final class WeakTransportSecurityDetector implements Detector {

  /**
   * @param plaintextPrefixes security protocol id prefixes that mean no encryption
   * @param deprecatedPrefixes security protocol id prefixes that are deprecated
   * @param encryptedPrefixes security protocol id prefixes that mean sound encryption
   */
  public record Thresholds(
      List<String> plaintextPrefixes, List<String> deprecatedPrefixes, List<String> encryptedPrefixes) {
    public Thresholds {
      plaintextPrefixes = List.copyOf(plaintextPrefixes);
      deprecatedPrefixes = List.copyOf(deprecatedPrefixes);
      encryptedPrefixes = List.copyOf(encryptedPrefixes);
    }

    public Thresholds(List<String> plaintextPrefixes, List<String> deprecatedPrefixes) {
      this(plaintextPrefixes, deprecatedPrefixes, defaults().encryptedPrefixes());
    }

    public static Thresholds defaults() {
      return new Thresholds(List.of("/plaintext/"), List.of("/secio/"), List.of("/noise", "/tls/"));
    }
  }

  /** How one connection is protected. */
  public enum Protection {
    ENCRYPTED,
    PLAINTEXT,
    DEPRECATED,
    UNKNOWN
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
    List<ConnectionStats> unknown = new ArrayList<>();
    long encrypted = 0;
    for (ConnectionStats c : s.connections().values()) {
      switch (protection(c)) {
        case PLAINTEXT -> plain.add(c);
        case DEPRECATED -> deprecated.add(c);
        case UNKNOWN -> unknown.add(c);
        case ENCRYPTED -> encrypted++;
      }
    }
    List<Finding> out = new ArrayList<>();
    if (!plain.isEmpty()) {
      out.add(finding("transport.plaintext", Severity.CRITICAL, plain, encrypted, s,
          "%d connection(s) to %d peer(s) negotiated no encryption (%s): peer ids, protocols and payloads are readable by anyone on the path",
          "Remove the plaintext security transport from the host builder; offer only /noise (and /tls/1.0.0)."));
    }
    if (!deprecated.isEmpty()) {
      out.add(finding("transport.deprecated", Severity.HIGH, deprecated, encrypted, s,
          "%d connection(s) to %d peer(s) negotiated a deprecated security protocol (%s)",
          "Disable secio (deprecated by libp2p since 2020, unmaintained); use /noise or /tls/1.0.0."));
    }
    if (!unknown.isEmpty()) {
      out.add(finding("transport.unknown-security", Severity.INFO, unknown, encrypted, s,
          "%d connection(s) to %d peer(s) carry no security protocol the analysis recognises (%s): their encryption is not verified",
          "Usually connections that were already open when the agent attached; reconnecting them records the negotiated protocol."));
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

  /** The connection's protection, from its security id or else what its transport runs itself. */
  public Protection protection(ConnectionStats c) {
    String security = Transports.effectiveSecurity(c.transport(), c.security());
    if (matches(security, t.plaintextPrefixes())) {
      return Protection.PLAINTEXT;
    }
    if (matches(security, t.deprecatedPrefixes())) {
      return Protection.DEPRECATED;
    }
    return matches(security, t.encryptedPrefixes()) ? Protection.ENCRYPTED : Protection.UNKNOWN;
  }

  private static Finding finding(String id, Severity sev, List<ConnectionStats> conns, long encrypted,
      Snapshot s, String fmt, String rec) {
    TreeSet<String> peers = new TreeSet<>();
    TreeSet<String> protocols = new TreeSet<>();
    TreeSet<String> ids = new TreeSet<>();
    long open = 0;
    for (ConnectionStats c : conns) {
      peers.add(String.valueOf(c.remotePeerId()));
      protocols.add(c.security() == null ? "none" : c.security());
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
            .put("encryptedConnections", encrypted)
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
