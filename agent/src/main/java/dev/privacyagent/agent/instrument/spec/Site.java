package dev.privacyagent.agent.instrument.spec;

/**
 * One advice class woven into the methods that {@code methods} selects. {@code kind} is the
 * constant bound to the advice's {@code @Kind} parameter, or null when it has none.
 */
public record Site(Class<?> advice, MethodSpec methods, Integer kind) {
  public static Site of(Class<?> advice, MethodSpec methods) {
    return new Site(advice, methods, null);
  }

  public static Site of(Class<?> advice, MethodSpec methods, int kind) {
    return new Site(advice, methods, kind);
  }
}
