package dev.privacyagent.agent.dispatch;

import java.lang.invoke.MethodHandle;

/**
 * One getter name, called on application objects from a hot hook path: remembers the handle for
 * the last class it saw (a call site almost always sees one class, such as the app's one
 * {@code PubsubMessage} implementation), so that a call is a class check and a handle
 * invocation instead of two map look-ups in {@link Reflect}'s cache. Another class replaces the
 * remembered one. Lock-free: the remembered pair is immutable and published by one field write,
 * so a racing thread at worst looks it up again.
 */
public final class Getter {
  private record Last(Class<?> type, MethodHandle handle) {}

  private final String name;
  private Last last = new Last(Void.class, null);

  public Getter(String name) {
    this.name = name;
  }

  /** {@code target.name()}, or null when target is null, has no such getter, or it throws. */
  public Object call(Object target) {
    if (target == null) {
      return null;
    }
    Class<?> type = target.getClass();
    Last l = last;
    if (l.type != type) {
      l = new Last(type, Reflect.handle(type, name));
      last = l;
    }
    if (l.handle == null) {
      return null;
    }
    try {
      return l.handle.invokeExact(target);
    } catch (Throwable t) {
      return null;
    }
  }

  /** {@link #call} as an int; {@code otherwise} when it is not an Integer. */
  public int callInt(Object target, int otherwise) {
    return call(target) instanceof Integer n ? n : otherwise;
  }

  /** True only when the getter returned Boolean.TRUE. */
  public boolean callTrue(Object target) {
    return Boolean.TRUE.equals(call(target));
  }

  @Override
  public String toString() {
    return name + "()";
  }
}
