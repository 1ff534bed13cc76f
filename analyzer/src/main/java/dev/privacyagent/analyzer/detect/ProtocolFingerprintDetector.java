package dev.privacyagent.analyzer.detect;

import dev.privacyagent.analyzer.collect.PeerStats;
import dev.privacyagent.analyzer.collect.Snapshot;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.analyzer.report.Category;
import dev.privacyagent.analyzer.report.Evidence;
import dev.privacyagent.analyzer.report.Finding;
import dev.privacyagent.analyzer.report.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How identifying our identify message is, in Eckersley's (2010) surprisal: a value shared by a
 * fraction p of a population carries -log2 p bits of identifying information. The population is
 * the peers that identified themselves to us plus our node (p = (m+1)/(N+1), so a unique value
 * among N peers gives log2(N+1) bits, never infinity), and optionally a reference population of
 * agent names from a network crawl. Measured for the agentVersion, the protocol set and both
 * together; verbose agentVersions (OS, architecture, runtime) are flagged on their own.
 */
public final class ProtocolFingerprintDetector implements Detector {

  private static final List<String> VERBOSE_TOKENS = List.of(
      "linux", "windows", "darwin", "macos", "freebsd", "x86_64", "amd64", "aarch64", "arm64",
      "openjdk", "jdk", "jvm", "java", "go1.", "rustc", "node/v", "ubuntu", "debian");

  /**
   * @param minBits fire MEDIUM at this many identifying bits
   * @param highBits fire HIGH at this many
   * @param minPeers identified peers needed before the observed population is used
   * @param rareProtocolShare a protocol of ours that fewer than this share of peers speak is rare
   */
  public record Thresholds(double minBits, double highBits, int minPeers, double rareProtocolShare) {
    public Thresholds {
      if (!(minBits > 0) || !(highBits >= minBits) || minPeers < 1
          || !(rareProtocolShare >= 0 && rareProtocolShare <= 1)) {
        throw new IllegalArgumentException("invalid fingerprint thresholds");
      }
    }

    public static Thresholds defaults() {
      return new Thresholds(4.0, 8.0, 5, 0.1);
    }
  }

  private final Thresholds t;
  private final ReferencePopulation reference;

  /** {@code reference} may be null: then only the observed peers are the population. */
  public ProtocolFingerprintDetector(Thresholds thresholds, ReferencePopulation reference) {
    this.t = thresholds;
    this.reference = reference;
  }

  @Override
  public Category category() {
    return Category.FINGERPRINTING;
  }

  /** The identify data of the peers that identified themselves: the observed population. */
  private record Population(
      int n,
      Map<String, Integer> agents,
      Map<String, Integer> sets,
      Map<String, Integer> joint,
      Map<String, Integer> protocolPeers) {

    static Population of(Snapshot s) {
      Map<String, Integer> agents = new HashMap<>();
      Map<String, Integer> sets = new HashMap<>();
      Map<String, Integer> joint = new HashMap<>();
      Map<String, Integer> protocolPeers = new HashMap<>();
      int n = 0;
      for (PeerStats p : s.peers().values()) {
        if (p.agentVersion() == null && p.protocols().isEmpty()) {
          continue;
        }
        n++;
        String set = canonicalSet(p.protocols());
        agents.merge(String.valueOf(p.agentVersion()), 1, Integer::sum);
        sets.merge(set, 1, Integer::sum);
        joint.merge(p.agentVersion() + "\n" + set, 1, Integer::sum);
        for (String proto : new TreeSet<>(p.protocols())) {
          protocolPeers.merge(proto, 1, Integer::sum);
        }
      }
      return new Population(n, agents, sets, joint, protocolPeers);
    }
  }

  /**
   * Identifying bits of what {@code node} disclosed, as this detector measures them (0 when it
   * sent no identify or too few peers identified themselves).
   *
   * @param agentVersionBits the agentVersion's bits, the larger of the observed and the reference
   *     population's
   * @param protocolSetBits the advertised protocol set's bits among the observed peers
   */
  public record Bits(double agentVersionBits, double protocolSetBits) {}

  /** {@link Bits} of {@code node}'s newest identify in {@code s}. */
  public Bits bits(Snapshot s, String node) {
    IdentifySent ours = s.disclosed().get(node);
    if (ours == null) {
      return new Bits(0, 0);
    }
    Population pop = Population.of(s);
    int n = pop.n();
    double agentBits = n >= t.minPeers() ? bits(pop.agents().getOrDefault(String.valueOf(ours.agentVersion()), 0), n) : 0.0;
    double setBits = n >= t.minPeers() ? bits(pop.sets().getOrDefault(canonicalSet(ours.protocols()), 0), n) : 0.0;
    Double refShare = reference == null ? null : reference.share(ours.agentVersion());
    double refBits = refShare == null ? 0.0 : -Entropy.log2(refShare);
    return new Bits(round3(Math.max(agentBits, refBits)), round3(setBits));
  }

  @Override
  public List<Finding> detect(Snapshot s) {
    Population pop = Population.of(s);
    Map<String, Integer> agents = pop.agents();
    Map<String, Integer> sets = pop.sets();
    Map<String, Integer> joint = pop.joint();
    Map<String, Integer> protocolPeers = pop.protocolPeers();
    int n = pop.n();
    boolean multi = s.disclosed().size() > 1;
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, IdentifySent> e : new java.util.TreeMap<>(s.disclosed()).entrySet()) {
      IdentifySent ours = e.getValue();
      String suffix = multi ? ":" + e.getKey() : "";
      String set = canonicalSet(ours.protocols());
      double agentBits = n >= t.minPeers() ? bits(agents.getOrDefault(String.valueOf(ours.agentVersion()), 0), n) : 0.0;
      double setBits = n >= t.minPeers() ? bits(sets.getOrDefault(set, 0), n) : 0.0;
      double jointBits = n >= t.minPeers() ? bits(joint.getOrDefault(ours.agentVersion() + "\n" + set, 0), n) : 0.0;
      Double refShare = reference == null ? null : reference.share(ours.agentVersion());
      double refBits = refShare == null ? 0.0 : -Entropy.log2(refShare);
      List<String> rare = new ArrayList<>();
      for (String proto : new TreeSet<>(ours.protocols())) {
        if (n >= t.minPeers() && protocolPeers.getOrDefault(proto, 0) < t.rareProtocolShare() * n) {
          rare.add(proto);
        }
      }
      double agentScore = Math.max(agentBits, refBits);
      if (agentScore >= t.minBits()) {
        boolean fromRef = refBits > agentBits;
        Evidence ev = Evidence.of()
            .put("agentVersion", String.valueOf(ours.agentVersion()))
            .put("identifyingBits", round3(agentScore))
            .put("observedBits", round3(agentBits))
            .put("identifiedPeers", (long) n)
            .put("peersWithSameAgent", (long) agents.getOrDefault(String.valueOf(ours.agentVersion()), 0))
            .put("jointBitsWithProtocolSet", round3(jointBits));
        if (reference != null) {
          ev.put("reference", reference.name())
              .put("referenceAgentName", ReferencePopulation.agentName(ours.agentVersion()))
              .put("referenceShare", refShare == null ? 0.0 : refShare)
              .put("referenceBits", round3(refBits));
        }
        out.add(new Finding(
            "fingerprint.agent-version" + suffix,
            Category.FINGERPRINTING,
            agentScore >= t.highBits() ? Severity.HIGH : Severity.MEDIUM,
            fromRef ? 0.6 : confidence(n),
            String.format(
                "Our agentVersion \"%s\" carries %.1f bits of identifying information (%s): it singles the node out among about 1 in %.0f",
                ours.agentVersion(), agentScore,
                fromRef ? "against the reference population " + reference.name()
                    : "shared by " + agents.getOrDefault(String.valueOf(ours.agentVersion()), 0) + " of " + n + " identified peers",
                Math.pow(2, agentScore)),
            ev.build(),
            "Announce a generic agentVersion (client name only, no version, OS or build) or the most common one in the network."));
      }
      if (setBits >= t.minBits()) {
        out.add(new Finding(
            "fingerprint.protocol-set" + suffix,
            Category.FINGERPRINTING,
            setBits >= t.highBits() ? Severity.HIGH : Severity.MEDIUM,
            confidence(n),
            String.format(
                "Our set of %d advertised protocols carries %.1f bits (%d of %d identified peers share it)%s",
                new TreeSet<>(ours.protocols()).size(), setBits, sets.getOrDefault(set, 0), n,
                rare.isEmpty() ? "" : "; rare: " + String.join(", ", rare.stream().limit(3).toList())),
            Evidence.of()
                .put("identifyingBits", round3(setBits))
                .put("jointBitsWithAgentVersion", round3(jointBits))
                .put("identifiedPeers", (long) n)
                .put("peersWithSameSet", (long) sets.getOrDefault(set, 0))
                .list("rareProtocols", rare)
                .list("protocols", new TreeSet<>(ours.protocols()))
                .build(),
            "Advertise only the protocols the application needs, in the same set as common clients; register optional handlers lazily."));
      }
      List<String> tokens = verboseTokens(ours.agentVersion());
      if (!tokens.isEmpty()) {
        out.add(new Finding(
            "fingerprint.verbose-agent" + suffix,
            Category.FINGERPRINTING,
            Severity.LOW,
            1.0,
            "Our agentVersion reveals platform details (" + String.join(", ", tokens) + "): useful for targeting known vulnerabilities",
            Evidence.of().put("agentVersion", String.valueOf(ours.agentVersion())).list("tokens", tokens).build(),
            "Drop OS, architecture and runtime details from the agentVersion."));
      }
    }
    return out;
  }

  /** -log2((m+1)/(n+1)): our node is one more member of the population. */
  static double bits(int sameAsOurs, int n) {
    return Entropy.log2((n + 1.0) / (sameAsOurs + 1.0));
  }

  /** Grows with the size of the observed population: 10 peers give 0.5, 90 give 0.9. */
  static double confidence(int n) {
    return n / (n + 10.0);
  }

  static String canonicalSet(List<String> protocols) {
    return String.join("\n", new TreeSet<>(protocols));
  }

  static List<String> verboseTokens(String agentVersion) {
    if (agentVersion == null) {
      return List.of();
    }
    String lower = agentVersion.toLowerCase(Locale.ROOT);
    Set<String> found = new TreeSet<>();
    for (String token : VERBOSE_TOKENS) {
      if (lower.contains(token)) {
        found.add(token.replace("/v", "").replace(".", ""));
      }
    }
    return List.copyOf(found);
  }

  static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
