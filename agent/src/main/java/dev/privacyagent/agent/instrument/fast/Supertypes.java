package dev.privacyagent.agent.instrument.fast;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Whether a class has a given interface among its supertypes, from class-file headers alone (the
 * super class and interfaces of each type, read as resources of the defining loader and kept per
 * loader). JDK, Kotlin and Netty types are not read: none of them can implement a jvm-libp2p
 * interface.
 */
final class Supertypes {
  private static final String[] NONE = new String[0];
  private static final String[] OPAQUE = {"java/", "javax/", "jdk/", "sun/", "kotlin/", "kotlinx/", "io/netty/"};

  private final Map<ClassLoader, Map<String, String[]>> byLoader = new WeakHashMap<>();
  private final Map<String, String[]> boot = new HashMap<>();

  /**
   * @param direct the class's own super class and interfaces (from the bytes being loaded)
   * @param target internal name of the interface
   */
  boolean has(ClassLoader loader, String[] direct, String target) {
    ArrayDeque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    for (String d : direct) {
      if (d != null) {
        todo.add(d);
      }
    }
    while (!todo.isEmpty()) {
      String n = todo.poll();
      if (n.equals(target)) {
        return true;
      }
      if (!seen.add(n) || opaque(n)) {
        continue;
      }
      for (String s : supers(loader, n)) {
        todo.add(s);
      }
    }
    return false;
  }

  private static boolean opaque(String n) {
    for (String p : OPAQUE) {
      if (n.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** Super class and interfaces of {@code type} as {@code loader} sees them; none when unreadable. */
  private String[] supers(ClassLoader loader, String type) {
    Map<String, String[]> cache;
    synchronized (byLoader) {
      cache = loader == null ? boot : byLoader.computeIfAbsent(loader, l -> new HashMap<>());
      String[] known = cache.get(type);
      if (known != null) {
        return known;
      }
    }
    byte[] bytes = ClassFiles.read(loader, type);
    String[] s = bytes == null ? NONE : direct(new ClassReader(bytes));
    synchronized (byLoader) {
      cache.put(type, s);
    }
    return s;
  }

  static String[] direct(ClassReader r) {
    String[] ifaces = r.getInterfaces();
    String[] out = new String[ifaces.length + 1];
    out[0] = r.getSuperName();
    System.arraycopy(ifaces, 0, out, 1, ifaces.length);
    return out;
  }
}
