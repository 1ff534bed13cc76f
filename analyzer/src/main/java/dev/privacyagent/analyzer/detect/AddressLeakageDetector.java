package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.PeerStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Addresses given away in identify. Our listen addresses that are private (RFC 1918, CGNAT, ULA)
 * or link-local map the node's internal network for every peer; a public IP that peers report
 * back as our observed address ties the peer id to a location even behind NAT; many addresses of
 * mixed scope in one identify tie several networks (home, VPN, cloud) to one identity. Private
 * addresses received from peers are reported too: a node that dials them probes private ranges.
 */
public final class AddressLeakageDetector implements Detector {

  /**
   * @param maxDisclosedAddrs fire when our identify lists more listen addresses than this
   * @param maxDisclosedIps fire when those addresses name more distinct IPs than this
   */
  public record Thresholds(int maxDisclosedAddrs, int maxDisclosedIps) {
    public Thresholds {
      if (maxDisclosedAddrs < 1 || maxDisclosedIps < 1) {
        throw new IllegalArgumentException("invalid address thresholds");
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(4, 2);
    }
  }

  private final Thresholds t;

  public AddressLeakageDetector(Thresholds thresholds) {
    this.t = thresholds;
  }

  @Override
  public Category category() {
    return Category.ADDRESS_LEAKAGE;
  }

  @Override
  public List<Finding> detect(Snapshot s) {
    List<Finding> out = new ArrayList<>();
    disclosed(s, out);
    received(s, out);
    observed(s, out);
    return out;
  }

  private void disclosed(Snapshot s, List<Finding> out) {
    TreeSet<String> internal = new TreeSet<>();
    TreeSet<String> loopback = new TreeSet<>();
    TreeSet<String> all = new TreeSet<>();
    TreeSet<String> ips = new TreeSet<>();
    Set<AddressClass.Scope> scopes = EnumSet.noneOf(AddressClass.Scope.class);
    for (IdentifySent sent : s.disclosed().values()) {
      for (String a : sent.listenAddrs()) {
        AddressClass.Host h = AddressClass.parse(a);
        all.add(a);
        if (h.scope().internal()) {
          internal.add(a);
        } else if (h.scope() == AddressClass.Scope.LOOPBACK) {
          loopback.add(a);
        }
        if (h.scope() != AddressClass.Scope.UNPARSEABLE && h.scope() != AddressClass.Scope.UNSPECIFIED) {
          ips.add(h.ip());
          scopes.add(h.scope());
        }
      }
    }
    if (!internal.isEmpty()) {
      out.add(new Finding(
          "address.private-disclosed",
          Category.ADDRESS_LEAKAGE,
          Severity.MEDIUM,
          1.0,
          String.format(
              "Our identify discloses %d private or link-local listen address(es) to every peer, mapping the node's internal network: %s",
              internal.size(), String.join(", ", internal.stream().limit(3).toList())),
          Evidence.of().put("addresses", (long) internal.size()).list("privateAddrs", internal).build(),
          "Filter private and link-local addresses out of identify (an address filter / announce list) unless peers on the same LAN need them."));
    } else if (!loopback.isEmpty()) {
      out.add(new Finding(
          "address.loopback-disclosed",
          Category.ADDRESS_LEAKAGE,
          Severity.INFO,
          1.0,
          String.format("Our identify discloses %d loopback listen address(es); harmless off-host but it shows local ports", loopback.size()),
          Evidence.of().list("loopbackAddrs", loopback).build(),
          "Announce only addresses peers can reach."));
    }
    if (all.size() > t.maxDisclosedAddrs() || ips.size() > t.maxDisclosedIps()) {
      boolean mixed = scopes.contains(AddressClass.Scope.PUBLIC)
          && (scopes.contains(AddressClass.Scope.PRIVATE) || scopes.contains(AddressClass.Scope.LINK_LOCAL));
      out.add(new Finding(
          "address.many-addresses",
          Category.ADDRESS_LEAKAGE,
          mixed ? Severity.MEDIUM : Severity.LOW,
          1.0,
          String.format(
              "Our identify lists %d listen addresses over %d distinct IPs (%s): one peer id ties all these networks together",
              all.size(), ips.size(), scopes),
          Evidence.of()
              .put("listenAddrs", (long) all.size())
              .put("distinctIps", (long) ips.size())
              .put("mixedScopes", mixed)
              .list("ips", ips)
              .build(),
          "Announce one reachable address per address family; keep other interfaces out of identify."));
    }
  }

  private void received(Snapshot s, List<Finding> out) {
    TreeSet<String> peers = new TreeSet<>();
    long addrs = 0;
    for (PeerStats p : s.peers().values()) {
      boolean any = false;
      for (String a : p.listenAddrs()) {
        if (AddressClass.parse(a).scope().internal()) {
          addrs++;
          any = true;
        }
      }
      if (any) {
        peers.add(p.peerId());
      }
    }
    if (peers.isEmpty()) {
      return;
    }
    out.add(new Finding(
        "address.private-received",
        Category.ADDRESS_LEAKAGE,
        Severity.LOW,
        1.0,
        String.format(
            "%d peer(s) announced %d private or link-local address(es); dialling them makes this node probe private networks",
            peers.size(), addrs),
        Evidence.of().put("peers", (long) peers.size()).put("addresses", addrs).list("peerIds", peers).build(),
        "Do not dial private addresses learned from remote peers (filter them in the peer store)."));
  }

  private void observed(Snapshot s, List<Finding> out) {
    TreeMap<String, Long> publicIps = new TreeMap<>();
    long reporters = 0;
    for (PeerStats p : s.peers().values()) {
      AddressClass.Host h = AddressClass.parse(p.observedAddr());
      if (h.scope() == AddressClass.Scope.PUBLIC) {
        publicIps.merge(h.ip(), 1L, Long::sum);
        reporters++;
      }
    }
    if (publicIps.isEmpty()) {
      return;
    }
    TreeSet<String> announced = new TreeSet<>();
    for (IdentifySent sent : s.disclosed().values()) {
      for (String a : sent.listenAddrs()) {
        announced.add(AddressClass.parse(a).ip());
      }
    }
    long top = publicIps.values().stream().mapToLong(Long::longValue).max().orElse(0);
    boolean hidden = publicIps.keySet().stream().anyMatch(ip -> !announced.contains(ip));
    out.add(new Finding(
        "address.observed-public",
        Category.ADDRESS_LEAKAGE,
        Severity.LOW,
        (double) top / reporters,
        String.format(
            "%d peer(s) observed this node at public IP(s) %s%s",
            reporters, String.join(", ", publicIps.keySet().stream().limit(3).toList()),
            hidden ? ", which it does not announce itself (NAT does not hide the node's public address)" : ""),
        Evidence.of()
            .put("reportingPeers", reporters)
            .put("notAnnounced", hidden)
            .list("publicIps", publicIps.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " peers)").toList())
            .build(),
        "If location privacy matters, reach the network through a relay or VPN; identify will otherwise tell every peer the public IP."));
  }
}
