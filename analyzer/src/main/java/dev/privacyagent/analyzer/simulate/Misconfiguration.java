package dev.privacyagent.analyzer.simulate;

import dev.privacyagent.analyzer.report.Category;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One thing an operator can get wrong, applied alone on top of the mainnet-like {@link
 * Scenario#BASELINE}: each must raise findings of its own category and of no other (the
 * calibration table in docs/detectors.md).
 */
public enum Misconfiguration {
  /** The well-run node itself. */
  NONE(),
  /** A plaintext security transport next to Noise: three peers end up on {@code /plaintext/2.0.0}. */
  PLAINTEXT(Category.TRANSPORT_SECURITY),
  /** A home-LAN address ({@code 192.168.1.23}) in the listen addresses identify announces. */
  PRIVATE_LISTEN_ADDRESS(Category.ADDRESS_LEAKAGE),
  /** A fixed-period status request and ping on every connection (no jitter). */
  STRICT_HEARTBEAT(Category.TIMING),
  /** An agentVersion with build, OS and architecture ({@code .../x86_64-linux}). */
  VERBOSE_AGENT(Category.FINGERPRINTING),
  /**
   * A static peer list of one provider: six peers, all in one /24. The anonymity set and the
   * connection set (eclipse exposure) are the two views of this one problem.
   */
  FEW_PEERS_ONE_PREFIX(Category.ANONYMITY_SET, Category.CONNECTION_PATTERN),
  /** One peer id reconnecting every 20 to 40 s for the whole run (a crawler). */
  RECONNECTING_CRAWLER(Category.LINKABILITY);

  private final Set<Category> expected;

  Misconfiguration(Category... expected) {
    this.expected = expected.length == 0 ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(List.of(expected)));
  }

  /** The categories this misconfiguration raises findings in, and the only ones; empty for {@link #NONE}. */
  public Set<Category> expected() {
    return expected;
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Misconfiguration parse(String name) {
    for (Misconfiguration m : values()) {
      if (m.cliName().equalsIgnoreCase(name.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown misconfiguration '" + name + "' (expected " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(Misconfiguration::cliName).collect(Collectors.joining(", "));
  }
}
