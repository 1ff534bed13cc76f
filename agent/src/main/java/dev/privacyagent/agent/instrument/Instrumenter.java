package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

/**
 * The hooks, and the attach path's weaving with Byte Buddy. Only {@code io.libp2p.*} types are even
 * looked at, so the agent costs nothing for the rest of the application.
 */
public final class Instrumenter {

  private Instrumenter() {}

  /**
   * The attach path: Byte Buddy, retransforming the jvm-libp2p classes already loaded (advice adds
   * no fields or methods, so retransformation is allowed). Under {@code -javaagent} the start-up
   * weaver ({@link dev.privacyagent.agent.instrument.fast.FastTransformer}) is used instead.
   *
   * @param retransform true after an attach: classes already loaded are woven too
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
   * The start-up fallback when the start-up weaver cannot be built: Byte Buddy's transformer, not
   * registered (the caller registers it, or hands it to the start-up gate).
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
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(AgentBuilder.PoolStrategy.Default.FAST)
            .with(new Listener(failures))
            .ignore(not(nameStartsWith(Matchers.LIBP2P)));
    AgentBuilder.Identified.Extendable ext = null;
    for (Hook h : hooks) {
      ElementMatcher<TypeDescription> types = Matchers.types(h);
      AgentBuilder.Identified.Narrowable n =
          ext == null ? builder.type(types, support) : ext.type(types, support);
      net.bytebuddy.asm.AsmVisitorWrapper advice = Matchers.advice(h.sites());
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
