package dev.privacyagent.agent.instrument.spec;

import java.util.Set;

/**
 * Which jvm-libp2p types a hook weaves into: classes named exactly, or every concrete jvm-libp2p
 * class implementing an interface (directly or through its supertypes). Plain data: the start-up
 * weaver decides it from class names and class-file headers, the attach path turns it into Byte
 * Buddy matchers, and both read the same declaration.
 */
public final class TypeSpec {
  private final Set<String> names;
  private final String iface;

  private TypeSpec(Set<String> names, String iface) {
    this.names = names;
    this.iface = iface;
  }

  /** Exactly these binary names ({@code io.libp2p.protocol.PingProtocol$PingInitiator}). */
  public static TypeSpec named(String... names) {
    return new TypeSpec(Set.of(names), null);
  }

  /**
   * jvm-libp2p classes with {@code iface} among their supertypes, the interface itself, lambdas and
   * synthetic classes excluded.
   */
  public static TypeSpec implementing(String iface) {
    return new TypeSpec(Set.of(), iface);
  }

  /** The exact names; empty for {@link #implementing}. */
  public Set<String> names() {
    return names;
  }

  /** The interface of {@link #implementing}, or null. */
  public String iface() {
    return iface;
  }

  @Override
  public String toString() {
    return iface == null ? "named " + names : "implementing " + iface;
  }
}
