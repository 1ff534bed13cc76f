package dev.privacyagent.agent.dispatch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls no-argument getters of application objects by name through method handles cached per
 * class. The agent cannot link against jvm-libp2p (it is not on the agent's class path and its
 * version is not known at build time), so it reads facts reflectively, once per class per getter.
 *
 * <p>The cache is read on application threads, so it takes no lock on any path: plain maps with
 * {@code get} then {@code putIfAbsent} (a lookup may be computed twice under a race). It holds the
 * few jvm-libp2p classes whose objects the hooks receive, for the life of the JVM.
 */
public final class Reflect {

  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
  private static final MethodType GENERIC = MethodType.methodType(Object.class, Object.class);

  private static final ConcurrentHashMap<Class<?>, ConcurrentHashMap<String, Optional<MethodHandle>>>
      CACHE = new ConcurrentHashMap<>(256);

  private Reflect() {}

  /** {@code target.name()}, or throws {@link NoSuchMethodException} when there is no such getter. */
  public static Object call(Object target, String name) throws Throwable {
    Optional<MethodHandle> mh = cached(target.getClass(), name);
    if (mh.isEmpty()) {
      throw new NoSuchMethodException(target.getClass().getName() + "#" + name + "()");
    }
    return mh.get().invokeExact(target);
  }

  /** {@code target.name()}, or null when it has no such getter or the getter throws. */
  public static Object callOrNull(Object target, String name) {
    if (target == null) {
      return null;
    }
    try {
      return call(target, name);
    } catch (Throwable t) {
      return null;
    }
  }

  /**
   * The cached handle of {@code type}'s getter {@code name}, or null when it has none. For
   * {@link Getter}, which keeps the last one per call site.
   */
  static MethodHandle handle(Class<?> type, String name) {
    return cached(type, name).orElse(null);
  }

  /**
   * A handle of {@code type}'s getter {@code name} typed {@code (Object)returns} when the getter
   * returns exactly that primitive, else null: {@link Getter} calls it without boxing the result.
   * Not cached here (the getter keeps it with the class it saw).
   */
  static MethodHandle primitiveHandle(Class<?> type, String name, Class<?> returns) {
    Method m = publicMethod(type, name);
    return m == null || m.getReturnType() != returns ? null : unreflect(m, MethodType.methodType(returns, Object.class));
  }

  public static boolean has(Class<?> type, String name) {
    return cached(type, name).isPresent();
  }

  private static Optional<MethodHandle> cached(Class<?> type, String name) {
    ConcurrentHashMap<String, Optional<MethodHandle>> perClass = CACHE.get(type);
    if (perClass == null) {
      ConcurrentHashMap<String, Optional<MethodHandle>> fresh = new ConcurrentHashMap<>(32);
      perClass = CACHE.putIfAbsent(type, fresh);
      if (perClass == null) {
        perClass = fresh;
      }
    }
    Optional<MethodHandle> mh = perClass.get(name);
    if (mh == null) {
      Optional<MethodHandle> found = find(type, name);
      mh = perClass.putIfAbsent(name, found);
      if (mh == null) {
        mh = found;
      }
    }
    return mh;
  }

  private static Optional<MethodHandle> find(Class<?> type, String name) {
    Method m = publicMethod(type, name);
    return Optional.ofNullable(m == null ? null : unreflect(m, GENERIC));
  }

  /** A handle of {@code m} typed {@code type}, or null when it cannot be made. */
  private static MethodHandle unreflect(Method m, MethodType type) {
    try {
      if (!Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
        // public method on a non-public class (e.g. a Kotlin-internal implementation): the
        // unnamed module of the application is open, so this is allowed
        m.setAccessible(true);
      }
      return LOOKUP.unreflect(m).asType(type);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Prefers a declaration on a public interface or class, which needs no access override. */
  private static Method publicMethod(Class<?> type, String name) {
    Method found;
    try {
      found = type.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
    if (Modifier.isPublic(found.getDeclaringClass().getModifiers())) {
      return found;
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        Method viaInterface = publicOn(i, name);
        if (viaInterface != null) {
          return viaInterface;
        }
      }
    }
    return found;
  }

  private static Method publicOn(Class<?> iface, String name) {
    if (!Modifier.isPublic(iface.getModifiers())) {
      return null;
    }
    try {
      return iface.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
