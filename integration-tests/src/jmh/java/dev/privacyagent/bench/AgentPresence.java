package dev.privacyagent.bench;

/**
 * Makes a benchmark fork prove which side of the comparison it is: with {@code -Dbench.agent=on}
 * the agent's bridge must be installed in the bootstrap class loader, with {@code off} it must be
 * absent. A mismatch fails the fork instead of silently measuring the wrong configuration. The
 * check uses JDK reflection only: the agent's classes are never on the benchmark's class path.
 */
final class AgentPresence {
  static final String PROPERTY = "bench.agent";
  private static final String BRIDGE = "dev.privacyagent.bootstrap.PrivacyBridge";

  private AgentPresence() {}

  /** True when a privacy agent owns the bridge in this JVM. */
  static boolean active() {
    try {
      Class<?> bridge = Class.forName(BRIDGE, false, null);
      return bridge.getMethod("installedBy").invoke(null) != null;
    } catch (ClassNotFoundException e) {
      return false;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("bridge present but unreadable: " + e, e);
    }
  }

  /** Throws unless the agent's presence matches {@code -Dbench.agent} (when that is set). */
  static void verify() {
    String expected = System.getProperty(PROPERTY);
    if (expected == null) {
      return;
    }
    boolean want = "on".equals(expected);
    if (active() != want) {
      throw new IllegalStateException(
          "-D" + PROPERTY + "=" + expected + " but the agent is " + (active() ? "active" : "absent"));
    }
  }
}
