package dev.privacyagent.analyzer.simulate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The synthetic traffic scenarios, each with a known ground truth: the finding categories an
 * analysis of it must report ({@code clean} must report nothing of medium severity or above).
 */
public enum Scenario {
  /** Strictly periodic streams and pings, and pairs of connections active within a few ms. */
  TIMING,
  /** Three peers in one /24, one of them carrying almost all traffic. */
  ANONYMITY,
  /** Our node announces a rare agentVersion and an unusual protocol set among common peers. */
  FINGERPRINT,
  /**
   * Private, loopback and link-local listen addresses in our identify, two public IPs observed,
   * plaintext connections, one peer id seen from many IPs.
   */
  LEAKAGE,
  /** Many peers over many prefixes, common agent, Noise and yamux, jittered timing. */
  CLEAN,
  /** Clean background traffic plus every problem scenario, on one node. */
  ALL,
  /**
   * An Ethereum-like gossip network seen by three local nodes (leaky, careful, flood) with
   * known ground truth ({@link GossipTraffic}); not part of {@code all}, which is one node.
   */
  GOSSIP,
  /**
   * A well-run node in a mainnet-like network (at least 100 peers, agents drawn from the Ethereum
   * crawl, many prefixes, Noise and yamux, jittered timing); {@link Misconfiguration} adds one
   * problem on top.
   */
  BASELINE;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scenario called {@code name} (case-insensitive). */
  public static Scenario parse(String name) {
    for (Scenario s : values()) {
      if (s.cliName().equalsIgnoreCase(name.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scenario '" + name + "' (expected " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", "));
  }

  /** The scenarios {@code ALL} combines (clean background first). */
  static List<Scenario> parts(Scenario s) {
    return s == ALL ? List.of(CLEAN, TIMING, FINGERPRINT, LEAKAGE, ANONYMITY) : List.of(s);
  }
}
