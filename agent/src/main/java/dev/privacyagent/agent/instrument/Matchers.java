package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Shared matchers: concrete, non-bridge, non-synthetic code of jvm-libp2p classes. */
public final class Matchers {
  public static final String LIBP2P = "io.libp2p.";

  private Matchers() {}

  /** A method body the agent may weave into: not abstract, not a bridge, not compiler-made. */
  public static ElementMatcher.Junction<MethodDescription> concrete() {
    return not(isAbstract()).and(not(isBridge())).and(not(isSynthetic()));
  }

  /** A jvm-libp2p type implementing {@code iface}, lambdas and generated classes excluded. */
  public static ElementMatcher.Junction<TypeDescription> implementing(String iface) {
    return nameStartsWith(LIBP2P)
        .and(not(nameContains("$$Lambda")))
        .and(not(isSynthetic()))
        .and(not(named(iface)))
        .and(hasSuperType(named(iface)));
  }
}
