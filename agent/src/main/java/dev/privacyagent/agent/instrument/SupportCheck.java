package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.agent.log.Level;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import dev.privacyagent.agent.instrument.fast.ClassFiles;
import dev.privacyagent.agent.instrument.spec.Descriptors;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatcher;

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
    if (ClassFiles.read(loader, "io/libp2p/core/Host") == null) {
      return new Verdict(false, false, "io.libp2p.core.Host not found");
    }
    if (!has(loader, "io/libp2p/core/transport/Transport", "listen", 3)) {
      return new Verdict(true, false, "no three-argument Transport.listen, added in 0.9.0");
    }
    if (!has(loader, "io/libp2p/core/security/SecureChannel$Session", "getEarlyMuxer", 0)) {
      return new Verdict(true, false, "no SecureChannel.Session#getEarlyMuxer, added in 1.0.0");
    }
    return new Verdict(true, true, "jvm-libp2p 1.0.0 or later");
  }

  /** Whether the class file of {@code type} declares {@code method} with {@code args} parameters. */
  private static boolean has(ClassLoader loader, String type, String method, int args) {
    byte[] bytes = ClassFiles.read(loader, type);
    if (bytes == null) {
      return false;
    }
    boolean[] found = {false};
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
        if (name.equals(method) && Descriptors.parameterNames(desc).size() == args) {
          found[0] = true;
        }
        return null;
      }
    }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found[0];
  }
}
