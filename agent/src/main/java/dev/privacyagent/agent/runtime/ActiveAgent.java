package dev.privacyagent.agent.runtime;

import dev.privacyagent.agent.config.AgentConfig;
import dev.privacyagent.agent.dispatch.Dispatcher;
import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.dispatch.ThrowingSink;
import dev.privacyagent.agent.dispatch.WarmUp;
import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.agent.instrument.Hooks;
import dev.privacyagent.agent.instrument.Instrumenter;
import dev.privacyagent.agent.instrument.SupportCheck;
import dev.privacyagent.agent.instrument.fast.FastTransformer;
import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.bootstrap.GossipBridge;
import dev.privacyagent.bootstrap.PrivacyBridge;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.util.function.Consumer;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Wires the running agent once the bridge is on the bootstrap class path: pipeline, dispatcher,
 * bridge sink, support check, instrumentation, shutdown hook. With {@code -javaagent} the
 * transformer is installed before {@code premain} returns (no jvm-libp2p class may load before
 * it); after an attach, retransformation runs on the agent's thread so that the attach returns
 * at once.
 */
public final class ActiveAgent {
  private ActiveAgent() {}

  /**
   * @param gate with {@code startup=background}: receives the woven transformer once it is
   *     ready (premain registered the gate); null otherwise
   */
  public static void start(AgentConfig config, Instrumentation inst, boolean attached,
      Consumer<ClassFileTransformer> gate) {
    long t0 = System.nanoTime();
    Failures failures = new Failures();
    ScheduledExecutorService worker = worker();
    Pipeline pipeline = new Pipeline(config, failures, worker);
    Dispatcher dispatcher = new Dispatcher(pipeline, worker, failures, attached, config.gossip(), config.nodeName());
    // the warm-up needs no Byte Buddy: it runs beside the transformer's build, on the other core
    Thread warmUp = new Thread(() -> WarmUp.run(worker, attached), "privacy-agent-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    PrivacyBridge.Sink sink = config.faultInjection() ? new ThrowingSink() : dispatcher;
    String owner = "privacy-agent pid " + ProcessHandle.current().pid() + (attached ? " (attached)" : " (-javaagent)");
    if (!PrivacyBridge.install(sink, owner)) {
      AgentLog.warn("already active in this JVM (" + PrivacyBridge.installedBy() + "); nothing is counted twice");
      worker.shutdown();
      return;
    }
    // gossip: the real dispatcher even under fault injection, whose events then throw (config.gossip())
    GossipBridge.install(dispatcher.gossip());
    pipeline.gossipCounts(dispatcher.gossip()::counts);
    if (config.faultInjection()) {
      AgentLog.warn("fault injection on: every hook throws inside the agent (test mode)");
    }
    SupportCheck support =
        new SupportCheck(
            loader -> {
              AgentLog.info("jvm-libp2p found; capturing" + (attached ? " (attached)" : ""));
              pipeline.activate();
            });
    ClassLoader probe = attached ? loaderOfLoadedHost(inst) : ClassLoader.getSystemClassLoader();
    AgentLog.debug("wired in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    if (probe == null || !SupportCheck.check(probe).present()) {
      AgentLog.warn(SupportCheck.missingMessage());
    } else {
      support.matches(probe); // warns now when unsupported, activates when supported
    }
    AgentLog.debug("support checked in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    Runtime.getRuntime().addShutdownHook(new Thread(pipeline::shutdown, "privacy-agent-shutdown"));
    List<Hook> hooks = Hooks.all(attached);
    if (!attached) {
      // the warm-up is not waited for: it runs on the other core while the application starts,
      // long before the first connection needs the paths it warms
      ClassFileTransformer transformer = startupTransformer(hooks, support, failures);
      if (gate != null) {
        gate.accept(transformer);
      } else {
        inst.addTransformer(transformer, false);
      }
      AgentLog.debug("transformer ready after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
      pipeline.startupDone();
      return;
    }
    join(warmUp);
    pipeline.startupDone();
    Thread t =
        new Thread(
            () -> {
              try {
                Instrumenter.install(inst, hooks, support, failures, true);
                AgentLog.info(
                    "attached; hooks installed in " + (System.nanoTime() - t0) / 1_000_000
                        + " ms; hosts created before the attach are found at their next call");
              } catch (Throwable e) {
                AgentLog.error("attach failed to instrument (" + e + "); the agent stays idle");
                PrivacyBridge.mute();
                GossipBridge.mute();
              }
            },
            "privacy-agent-attach");
    t.setDaemon(true);
    t.start();
  }

  /**
   * The start-up weaver, or Byte Buddy's (slower to build) when an advice is beyond what the
   * start-up weaver replays: a hook changed without the weaver, never a reason to weave less.
   */
  private static ClassFileTransformer startupTransformer(List<Hook> hooks, SupportCheck support, Failures failures) {
    try {
      return new FastTransformer(hooks, support::matches, failures);
    } catch (RuntimeException e) {
      AgentLog.warn("start-up weaver unavailable (" + e.getMessage() + "); weaving with Byte Buddy");
      return Instrumenter.transformer(hooks, support, failures);
    }
  }

  /** Waits for the warm-up (bounded: a stuck warm-up must not keep the hooks out). */
  private static void join(Thread warmUp) {
    try {
      warmUp.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** After an attach: the class loader of a loaded {@code io.libp2p.core.Host}, or null. */
  private static ClassLoader loaderOfLoadedHost(Instrumentation inst) {
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if ("io.libp2p.core.Host".equals(c.getName())) {
        return c.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : c.getClassLoader();
      }
    }
    return null;
  }

  private static ScheduledExecutorService worker() {
    ScheduledThreadPoolExecutor ex =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "privacy-agent-worker");
              t.setDaemon(true);
              return t;
            });
    ex.setRemoveOnCancelPolicy(true);
    ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    return ex;
  }
}
