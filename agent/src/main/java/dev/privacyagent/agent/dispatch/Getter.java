package dev.privacyagent.agent.dispatch;

import java.lang.invoke.MethodHandle;

/**
 * One getter name, called on application objects from a hot hook path: remembers the handle for
 * the last class it saw (a call site almost always sees one class, such as the app's one
 * {@code PubsubMessage} implementation), so that a call is a class check and a handle
 * invocation instead of two map look-ups in {@link Reflect}'s cache. Another class replaces the
 * remembered one. Lock-free: the remembered pair is immutable and published by one field write,
 * so a racing thread at worst looks it up again.
 *
 * <p>A getter that returns {@code int} or {@code boolean} is also remembered as a handle of that
 * primitive type, so {@link #callInt} and {@link #callTrue} box nothing (a size of 192 is not a
 * cached {@code Integer}: boxing it allocated on every message).
 */
public final class Getter {
  private record Last(Class<?> type, MethodHandle handle, MethodHandle asInt, MethodHandle asBoolean) {}

  private final String name;
  private Last last = new Last(Void.class, null, null, null);

  public Getter(String name) {
    this.name = name;
  }

  private Last of(Class<?> type) {
    Last l = last;
    if (l.type != type) {
      l = new Last(type, Reflect.handle(type, name),
          Reflect.primitiveHandle(type, name, int.class), Reflect.primitiveHandle(type, name, boolean.class));
      last = l;
    }
    return l;
  }

  /** {@code target.name()}, or null when target is null, has no such getter, or it throws. */
  public Object call(Object target) {
    if (target == null) {
      return null;
    }
    Last l = of(target.getClass());
    if (l.handle == null) {
      return null;
    }
    try {
      return l.handle.invokeExact(target);
    } catch (Throwable t) {
      return null;
    }
  }

  /** {@link #call} as an int; {@code otherwise} when it is not an int (or Integer), or throws. */
  public int callInt(Object target, int otherwise) {
    if (target == null) {
      return otherwise;
    }
    Last l = of(target.getClass());
    if (l.asInt != null) {
      try {
        return (int) l.asInt.invokeExact(target);
      } catch (Throwable t) {
        return otherwise;
      }
    }
    return call(target) instanceof Integer n ? n : otherwise;
  }

  /** True only when the getter returned true (or Boolean.TRUE). */
  public boolean callTrue(Object target) {
    if (target == null) {
      return false;
    }
    Last l = of(target.getClass());
    if (l.asBoolean != null) {
      try {
        return (boolean) l.asBoolean.invokeExact(target);
      } catch (Throwable t) {
        return false;
      }
    }
    return Boolean.TRUE.equals(call(target));
  }

  @Override
  public String toString() {
    return name + "()";
  }
}
