package dev.privacyagent.agent.runtime;

import dev.privacyagent.agent.config.AgentConfig;
import dev.privacyagent.agent.config.ConfigException;
import dev.privacyagent.agent.config.ConfigLoader;
import dev.privacyagent.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;

/**
 * The one start-up path of {@code premain} and {@code agentmain}: configuration, the "already
 * attached" check, the bootstrap bridge, then {@link ActiveAgent}. This class must not link the
 * bridge itself (see {@link BootstrapInjector}); it reaches {@link ActiveAgent} reflectively.
 *
 * <p>With {@code startup=background}, {@code premain} only reads the configuration and registers a
 * {@link StartupGate}; the bridge, the pipeline, the warm-up and Byte Buddy's transformer are
 * built on the agent's start-up thread while the application's {@code main} runs, and the gate
 * holds back any jvm-libp2p class that loads before they are ready.
 */
public final class AgentRuntime {
  private AgentRuntime() {}

  public static void start(String args, Instrumentation inst, boolean attached) {
    AgentConfig config;
    try {
      config = ConfigLoader.load(args);
    } catch (ConfigException e) {
      AgentLog.error(e.getMessage() + "; the agent stays off");
      return;
    }
    AgentLog.setLevel(config.log());
    if (!config.enabled()) {
      AgentLog.info("disabled (enabled=false)");
      return;
    }
    config.warnings().forEach(AgentLog::warn);
    try {
      Class<?> existing = BootstrapInjector.existingBridge();
      if (existing != null) {
        Object owner = existing.getMethod("installedBy").invoke(null);
        if (owner != null) {
          AgentLog.warn(
              "already active in this JVM (" + owner + "); this "
                  + (attached ? "attach" : "start") + " changes nothing and nothing is counted twice");
          return;
        }
      }
      if (attached || !config.backgroundStartup()) {
        activate(config, inst, attached, null);
        return;
      }
      StartupGate gate = new StartupGate();
      inst.addTransformer(gate, false);
      long t0 = System.nanoTime();
      Thread t = new Thread(() -> {
        try {
          activate(config, inst, false, gate);
          AgentLog.debug("started in " + (System.nanoTime() - t0) / 1_000_000 + " ms after premain; "
              + gate.waited() + " jvm-libp2p class load(s) waited for it");
        } catch (Throwable e) {
          gate.fail();
          Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
          AgentLog.error("could not start (" + cause + "); the application continues without the agent");
        }
        if (gate.unwoven() > 0) {
          AgentLog.warn(gate.unwoven() + " jvm-libp2p class(es) loaded before the agent was ready ("
              + StartupGate.MAX_WAIT_MILLIS + " ms) and are not observed");
        }
      }, "privacy-agent-start");
      // not a daemon: a short-lived application still gets the agent's verdict (e.g. "jvm-libp2p not
      // found") before the JVM exits; the thread ends on its own once the agent is wired
      t.setDaemon(false);
      t.start();
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null ? t.getCause() : t;
      AgentLog.error("could not start (" + cause + "); the application continues without the agent");
    }
  }

  private static void activate(AgentConfig config, Instrumentation inst, boolean attached, StartupGate gate)
      throws Exception {
    BootstrapInjector.inject(inst);
    Class.forName("dev.privacyagent.agent.runtime.ActiveAgent", true, AgentRuntime.class.getClassLoader())
        .getMethod("start", AgentConfig.class, Instrumentation.class, boolean.class,
            java.util.function.Consumer.class)
        .invoke(null, config, inst, attached, gate == null ? null : (java.util.function.Consumer<
            java.lang.instrument.ClassFileTransformer>) gate::open);
  }
}
