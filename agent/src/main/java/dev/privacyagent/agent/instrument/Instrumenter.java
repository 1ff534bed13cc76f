package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.instrument.gossip.GossipBindingHook;
import dev.privacyagent.agent.instrument.gossip.PublishHook;
import dev.privacyagent.agent.instrument.gossip.RouterCreatedHook;
import dev.privacyagent.agent.instrument.gossip.RpcHook;
import dev.privacyagent.agent.instrument.gossip.SubscriptionHook;
import dev.privacyagent.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the hooks into jvm-libp2p. Only {@code io.libp2p.*} types are even looked at, so the
 * agent costs nothing for the rest of the application. The same transformation serves
 * {@code -javaagent} and dynamic attach: classes already loaded are retransformed (advice adds no
 * fields or methods, so retransformation is allowed).
 */
public final class Instrumenter {

  private Instrumenter() {}

  public static List<Hook> hooks(boolean attached) {
    List<Hook> hooks = new ArrayList<>();
    hooks.add(new HostHook());
    hooks.add(new ConnectionHook());
    hooks.add(UpgradeHook.security());
    hooks.add(UpgradeHook.muxer());
    hooks.add(new StreamHook());
    hooks.add(new DialHook());
    hooks.add(new TransportHook());
    hooks.add(new QuicTransportHook());
    hooks.add(new IdentifyHook());
    hooks.add(new PingHook());
    hooks.add(new RouterCreatedHook());
    hooks.add(new GossipBindingHook());
    hooks.add(new SubscriptionHook());
    hooks.add(new RpcHook());
    hooks.add(new PublishHook());
    if (attached) {
      hooks.add(new DiscoveryHook());
    }
    return hooks;
  }

  /**
   * @param retransform true after an attach: classes already loaded are woven too. Under
   *     {@code -javaagent} no jvm-libp2p class is loaded yet, and skipping the scan of all loaded
   *     classes keeps start-up short.
   */
  public static ResettableClassFileTransformer install(
      Instrumentation inst,
      List<Hook> hooks,
      SupportCheck support,
      Failures failures,
      boolean retransform) {
    return build(hooks, support, failures, retransform).installOn(inst);
  }

  /**
   * Under {@code -javaagent}: the weaving transformer, not registered; the start-up gate that
   * premain registered hands it the jvm-libp2p classes (none is loaded yet, nothing to retransform).
   */
  public static java.lang.instrument.ClassFileTransformer transformer(
      List<Hook> hooks, SupportCheck support, Failures failures) {
    return build(hooks, support, failures, false).makeRaw();
  }

  private static AgentBuilder build(
      List<Hook> hooks,
      SupportCheck support,
      Failures failures,
      boolean retransform) {
    // Byte Buddy's "Nexus" (self-initialising types) is never used with inlined advice, but probing
    // for it touches sun.misc.Unsafe, which JDK 24+ reports on stderr. The property name is the
    // relocated one, derived so that it follows the shading.
    String bb = AgentBuilder.class.getPackageName().replace(".agent.builder", "");
    System.setProperty(bb + ".nexus.disabled", "true");
    AgentBuilder builder = new AgentBuilder.Default().disableClassFormatChanges();
    if (retransform) {
      builder =
          builder
              .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
              .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE);
    }
    builder =
        builder
            .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(AgentBuilder.PoolStrategy.Default.FAST)
            .with(new Listener(failures))
            .ignore(not(nameStartsWith(Matchers.LIBP2P)));
    AgentBuilder.Identified.Extendable ext = null;
    for (Hook h : hooks) {
      AgentBuilder.Identified.Narrowable n =
          ext == null ? builder.type(h.types(), support) : ext.type(h.types(), support);
      // built once per hook: parsing the advice classes again for every woven type costs start-up
      net.bytebuddy.asm.AsmVisitorWrapper advice = h.advice();
      ext = n.transform((b, type, loader, module, pd) -> b.visit(advice));
    }
    return ext;
  }

  /** Logs woven types at debug level and every weaving error once. */
  private static final class Listener extends AgentBuilder.Listener.Adapter {
    private final Failures failures;

    Listener(Failures failures) {
      this.failures = failures;
    }

    @Override
    public void onTransformation(
        TypeDescription type,
        ClassLoader loader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      AgentLog.debug("instrumented " + type.getName() + (loaded ? " (retransformed)" : ""));
    }

    @Override
    public void onError(
        String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
      failures.record("instrumenting " + typeName, t);
    }
  }
}
