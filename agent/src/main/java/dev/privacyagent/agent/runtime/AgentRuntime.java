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
      BootstrapInjector.inject(inst);
      Class.forName("dev.privacyagent.agent.runtime.ActiveAgent", true, AgentRuntime.class.getClassLoader())
          .getMethod("start", AgentConfig.class, Instrumentation.class, boolean.class)
          .invoke(null, config, inst, attached);
    } catch (Throwable t) {
      Throwable cause = t instanceof java.lang.reflect.InvocationTargetException && t.getCause() != null ? t.getCause() : t;
      AgentLog.error("could not start (" + cause + "); the application continues without the agent");
    }
  }
}
