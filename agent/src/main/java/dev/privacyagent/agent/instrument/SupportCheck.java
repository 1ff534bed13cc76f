package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.agent.log.Level;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Decides per class loader whether the jvm-libp2p it holds is one the agent supports (1.0.0 or
 * later), by reading class files without loading them. Unsupported: one warning, no hooks in that
 * loader. The first supported loader activates the agent's reporting.
 */
public final class SupportCheck implements ElementMatcher<ClassLoader> {

  /** What 1.0.0 introduced or kept that the hooks rely on; missing means an older version. */
  public record Verdict(boolean present, boolean supported, String reason) {}

  private final Map<ClassLoader, Boolean> cache = new WeakHashMap<>();
  private final Consumer<ClassLoader> onFirstSupported;
  private volatile boolean activated;

  public SupportCheck(Consumer<ClassLoader> onFirstSupported) {
    this.onFirstSupported = onFirstSupported;
  }

  @Override
  public boolean matches(ClassLoader loader) {
    Boolean known;
    synchronized (cache) {
      known = cache.get(loader);
    }
    if (known != null) {
      return known;
    }
    Verdict v = check(loader);
    boolean ok = v.present() && v.supported();
    if (v.present() && !v.supported()) {
      AgentLog.once(Level.WARN, "unsupported:" + v.reason(), unsupportedMessage(v.reason()));
    }
    synchronized (cache) {
      cache.put(loader, ok);
    }
    if (ok && !activated) {
      activated = true;
      onFirstSupported.accept(loader);
    }
    return ok;
  }

  public static String unsupportedMessage(String reason) {
    return "unsupported jvm-libp2p (" + reason + "); the agent supports jvm-libp2p 1.0.0 and later"
        + " and stays idle";
  }

  public static String missingMessage() {
    return "jvm-libp2p not found (no io.libp2p.core.Host on the class path); the agent stays idle";
  }

  /** Reads class files only; never loads or initialises an application class. */
  public static Verdict check(ClassLoader loader) {
    ClassFileLocator locator =
        loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader() : ClassFileLocator.ForClassLoader.of(loader);
    TypePool pool = TypePool.Default.of(locator);
    if (!pool.describe("io.libp2p.core.Host").isResolved()) {
      return new Verdict(false, false, "io.libp2p.core.Host not found");
    }
    TypePool.Resolution transport = pool.describe("io.libp2p.core.transport.Transport");
    if (!transport.isResolved()
        || !has(transport.resolve(), "listen", 3)) {
      return new Verdict(true, false, "no three-argument Transport.listen, added in 0.9.0");
    }
    TypePool.Resolution session = pool.describe("io.libp2p.core.security.SecureChannel$Session");
    if (!session.isResolved() || !has(session.resolve(), "getEarlyMuxer", 0)) {
      return new Verdict(true, false, "no SecureChannel.Session#getEarlyMuxer, added in 1.0.0");
    }
    return new Verdict(true, true, "jvm-libp2p 1.0.0 or later");
  }

  private static boolean has(TypeDescription type, String method, int args) {
    return !type.getDeclaredMethods().filter(named(method).and(takesArguments(args))).isEmpty();
  }
}
