package dev.privacyagent.agent.instrument.fast;

import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.agent.log.Level;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * The start-up weaver: a plain {@link ClassFileTransformer} over ASM (the copy inside the agent's
 * Byte Buddy, a few dozen classes) that weaves the hooks into jvm-libp2p classes as they load, with
 * no Byte Buddy type resolution, no agent builder and no retransformation scan. A class outside
 * {@code io/libp2p/} costs one prefix check; a jvm-libp2p class one hash lookup for the hooks
 * naming it and, for the hooks on implementations of an interface, a walk over class-file headers
 * of its supertypes (cached per loader). Only a class that a hook selects is parsed and rewritten.
 *
 * <p>Every advice class is read and checked when this transformer is built: one the weaver
 * cannot replay makes the constructor throw, and the agent falls back to Byte Buddy. A failure
 * while weaving a class leaves that class as it was and is counted like any agent error.
 */
public final class FastTransformer implements ClassFileTransformer {
  private static final String PREFIX = "io/libp2p/";

  private record Woven(Hook hook, Site site, AdviceTemplate advice) {}

  private final Map<String, List<Woven>> named = new HashMap<>();
  private final Map<String, List<Woven>> byIface = new HashMap<>();
  private final Supertypes supertypes = new Supertypes();
  private final Predicate<ClassLoader> support;
  private final Failures failures;

  /**
   * @param support whether a class loader holds a supported jvm-libp2p (decided once per loader)
   * @throws IllegalStateException when an advice class is beyond what this weaver replays
   */
  public FastTransformer(List<Hook> hooks, Predicate<ClassLoader> support, Failures failures) {
    this.support = support;
    this.failures = failures;
    Map<Class<?>, AdviceTemplate> templates = new IdentityHashMap<>();
    for (Hook h : hooks) {
      List<Woven> w = new ArrayList<>();
      for (Site s : h.sites()) {
        w.add(new Woven(h, s, templates.computeIfAbsent(s.advice(), a -> AdviceTemplate.of(a, AdviceTemplate.KIND))));
      }
      if (h.types().iface() != null) {
        byIface.computeIfAbsent(h.types().iface().replace('.', '/'), k -> new ArrayList<>()).addAll(w);
      }
      for (String n : h.types().names()) {
        named.computeIfAbsent(n.replace('.', '/'), k -> new ArrayList<>()).addAll(w);
      }
    }
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
      ProtectionDomain domain, byte[] bytes) {
    if (name == null || !name.startsWith(PREFIX)) {
      return null;
    }
    try {
      List<Woven> sites = sites(loader, name, bytes);
      if (sites.isEmpty() || !support.test(loader)) {
        return null;
      }
      return weave(name, bytes, sites);
    } catch (Throwable t) {
      failures.record("instrumenting " + name.replace('/', '.'), t);
      return null;
    }
  }

  /** The sites of every hook that selects this class; empty for nearly all classes. */
  private List<Woven> sites(ClassLoader loader, String name, byte[] bytes) {
    List<Woven> exact = named.get(name);
    List<Woven> out = exact == null ? List.of() : exact;
    if (byIface.isEmpty() || name.contains("$$Lambda")) {
      return out;
    }
    ClassReader header = new ClassReader(bytes);
    if ((header.getAccess() & Opcodes.ACC_SYNTHETIC) != 0) {
      return out;
    }
    String[] direct = Supertypes.direct(header);
    for (Map.Entry<String, List<Woven>> e : byIface.entrySet()) {
      if (!e.getKey().equals(name) && supertypes.has(loader, direct, e.getKey())) {
        if (out == exact || out.isEmpty()) {
          out = new ArrayList<>(out);
        }
        out.addAll(e.getValue());
      }
    }
    return out;
  }

  /** Woven bytes, or null when no method of the class matched (for tests: any kind annotation). */
  static byte[] weave(String name, byte[] bytes, List<Site> sites, String kindDesc) {
    List<Woven> w = new ArrayList<>();
    for (Site s : sites) {
      w.add(new Woven(null, s, AdviceTemplate.of(s.advice(), kindDesc)));
    }
    return weave(name, bytes, w);
  }

  private static byte[] weave(String name, byte[] bytes, List<Woven> sites) {
    ClassReader reader = new ClassReader(bytes);
    if (reader.readUnsignedShort(6) < Opcodes.V1_6) {
      // no stack map frames before Java 6: not something the start-up weaver writes
      throw new IllegalStateException("class file version " + reader.readUnsignedShort(6) + " is not woven");
    }
    String binary = name.replace('/', '.');
    ClassWriter writer = new ClassWriter(reader, 0);
    boolean[] woven = {false};
    java.util.Set<Hook> matched = new java.util.HashSet<>();
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String m, String desc, String sig, String[] ex) {
        MethodVisitor mv = super.visitMethod(access, m, desc, sig, ex);
        for (Woven w : sites) {
          if (w.site().methods().matches(binary, access, m, desc)) {
            mv = new AdviceWeaver(mv, name, access, m, desc, w.advice(), w.site().kind());
            woven[0] = true;
            matched.add(w.hook());
          }
        }
        return mv;
      }
    }, ClassReader.EXPAND_FRAMES);
    for (Woven w : sites) {
      if (w.hook() != null && w.hook().unmatched() != null && !matched.contains(w.hook())) {
        AgentLog.once(Level.WARN, "unmatched:" + w.hook().name(), w.hook().unmatched());
      }
    }
    if (!woven[0]) {
      return null;
    }
    if (AgentLog.enabled(Level.DEBUG)) {
      AgentLog.debug("instrumented " + binary);
    }
    return writer.toByteArray();
  }
}
