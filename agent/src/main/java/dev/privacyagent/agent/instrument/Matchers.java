package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.agent.log.Level;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The attach path's Byte Buddy view of a {@link Hook}: matchers and advice built from the hook's
 * declared {@link TypeSpec} and {@link Site}s, so that it weaves exactly what the start-up weaver
 * weaves.
 */
final class Matchers {
  static final String LIBP2P = "io.libp2p.";

  private Matchers() {}

  /** The hook's types; with {@link Hook#unmatched}, a selected type without a woven method warns once. */
  static ElementMatcher.Junction<TypeDescription> types(Hook hook) {
    ElementMatcher.Junction<TypeDescription> m = types(hook.types());
    String warning = hook.unmatched();
    if (warning == null) {
      return m;
    }
    return m.and(type -> {
      boolean any = false;
      for (Site s : hook.sites()) {
        any |= !type.getDeclaredMethods().filter(methods(s.methods())).isEmpty();
      }
      if (!any) {
        AgentLog.once(Level.WARN, "unmatched:" + hook.name(), warning);
      }
      return true;
    });
  }

  static ElementMatcher.Junction<TypeDescription> types(TypeSpec spec) {
    if (spec.iface() != null) {
      return nameStartsWith(LIBP2P)
          .and(not(nameContains("$$Lambda")))
          .and(not(isSynthetic()))
          .and(not(named(spec.iface())))
          .and(hasSuperType(named(spec.iface())));
    }
    ElementMatcher.Junction<TypeDescription> m = none();
    for (String n : spec.names()) {
      m = m.or(named(n));
    }
    return m;
  }

  static ElementMatcher.Junction<MethodDescription> methods(MethodSpec spec) {
    return new ElementMatcher.Junction.AbstractBase<>() {
      @Override
      public boolean matches(MethodDescription m) {
        return spec.matches(
            m.getDeclaringType().asErasure().getName(), m.getModifiers(), m.getInternalName(), m.getDescriptor());
      }

      @Override
      public String toString() {
        return spec.toString();
      }
    };
  }

  /** Built once per hook: parsing the advice classes again for every woven type costs time. */
  static AsmVisitorWrapper advice(List<Site> sites) {
    List<AsmVisitorWrapper> all = new ArrayList<>();
    for (Site s : sites) {
      Advice.WithCustomMapping mapping = Advice.withCustomMapping();
      if (s.kind() != null) {
        mapping = mapping.bind(Kind.class, s.kind());
      }
      all.add(mapping.to(s.advice()).on(methods(s.methods())));
    }
    return all.size() == 1 ? all.get(0) : new AsmVisitorWrapper.Compound(all);
  }
}
