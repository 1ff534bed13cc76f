package dev.privacyagent.agent.dispatch.gossip;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * One router's seen cache, read for the validation result of a first copy: {@code
 * AbstractRouter#getSeenMessages()} (protected in jvm-libp2p 1.x), then {@code
 * SeenCache#getValue(PubsubMessage)}, an {@code Optional<ValidationResult>} that is empty while the
 * validation is pending. It is the only place an {@code Ignore} shows: that result has no listener
 * callback. The cache belongs to the router's event thread, so it is read there only; the agent
 * holds it weakly, looks it up once per router and gives up for good when that fails (a router
 * without that getter, or in a module that is not open).
 */
final class SeenCacheReader {
  private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
  private static final MethodType LOOKUP_BY_MESSAGE =
      MethodType.methodType(Object.class, Object.class, Object.class);

  private WeakReference<Object> cache;
  private MethodHandle getValue;
  private boolean unavailable;

  /**
   * The cached value for {@code message}: an {@code Optional} (empty while pending), or null when
   * the cache has no entry or cannot be read.
   */
  Object valueOf(Object router, Object message) {
    if (unavailable || message == null) {
      return null;
    }
    Object c = cache == null ? null : cache.get();
    if (c == null) {
      c = find(router);
      if (c == null) {
        return null;
      }
    }
    try {
      return getValue.invokeExact(c, message);
    } catch (Throwable t) {
      unavailable = true;
      return null;
    }
  }

  private Object find(Object router) {
    if (router == null) {
      return null;
    }
    try {
      Method getter = declared(router.getClass(), "getSeenMessages");
      if (getter == null) {
        unavailable = true;
        return null;
      }
      getter.setAccessible(true);
      Object c = MethodHandles.lookup().unreflect(getter).asType(GETTER).invokeExact(router);
      Method value = c == null ? null : publicGetValue(c.getClass());
      if (value == null) {
        unavailable = true;
        return null;
      }
      getValue = MethodHandles.lookup().unreflect(value).asType(LOOKUP_BY_MESSAGE);
      cache = new WeakReference<>(c);
      return c;
    } catch (Throwable t) {
      unavailable = true;
      return null;
    }
  }

  /** The most derived declaration of a no-argument method (GossipRouter may override it). */
  private static Method declared(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        return c.getDeclaredMethod(name);
      } catch (NoSuchMethodException e) {
        // look further up
      }
    }
    return null;
  }

  /** {@code getValue(x)} on a public interface of the cache ({@code SeenCache}), else on its class. */
  private static Method publicGetValue(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        Method m = oneArgument(i);
        if (m != null && Modifier.isPublic(i.getModifiers())) {
          return m;
        }
      }
    }
    Method m = oneArgument(type);
    if (m != null) {
      m.setAccessible(true);
    }
    return m;
  }

  private static Method oneArgument(Class<?> type) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals("getValue") && m.getParameterCount() == 1 && !m.isBridge() && !m.isSynthetic()) {
        return m;
      }
    }
    return null;
  }
}
