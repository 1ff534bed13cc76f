package dev.privacyagent.agent;

import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * {@code Premain-Class} and {@code Agent-Class}. The JVM loads this class through the application
 * class loader, so it uses JDK types only and does one thing: start the agent inside its own
 * class loader, whose parent is the platform loader. The agent's classes (and its relocated Byte
 * Buddy, Jackson, Netty) are therefore never the ones the application resolves, and the agent
 * never resolves the application's. Nothing here may throw into the JVM's start-up.
 */
public final class AgentEntry {
  private static final String RUNTIME = "dev.privacyagent.agent.runtime.AgentRuntime";

  private AgentEntry() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  private static void start(String args, Instrumentation inst, boolean attached) {
    try {
      URL jar = AgentEntry.class.getProtectionDomain().getCodeSource().getLocation();
      ClassLoader loader =
          new URLClassLoader("privacy-agent", new URL[] {jar}, ClassLoader.getPlatformClassLoader());
      Class.forName(RUNTIME, true, loader)
          .getMethod("start", String.class, Instrumentation.class, boolean.class)
          .invoke(null, args, inst, attached);
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null ? t.getCause() : t;
      System.err.println(
          "[privacy-agent] ERROR could not start (" + cause
              + "); the application continues without the agent");
    }
  }
}
