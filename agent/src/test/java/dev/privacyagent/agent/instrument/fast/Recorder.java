package dev.privacyagent.agent.instrument.fast;

import java.util.ArrayList;
import java.util.List;

/** What the test advice saw; {@link #failing} makes every call throw, as a broken sink would. */
public final class Recorder {
  public static final List<String> calls = new ArrayList<>();
  public static boolean failing;

  private Recorder() {}

  public static int enter(int kind, Object self, Object arg) {
    check();
    calls.add("enter " + kind + " " + arg);
    return 40 + kind;
  }

  public static long enterLong(Object arg) {
    check();
    calls.add("enterLong " + arg);
    return 1L << 40;
  }

  public static void exit(Object self, Object ret, Throwable thrown, int depth) {
    check();
    calls.add("exit " + ret + " " + (thrown == null ? null : thrown.getClass().getSimpleName()) + " " + depth);
  }

  public static void exitLong(Object ret, long token) {
    check();
    calls.add("exitLong " + ret + " " + token);
  }

  public static void created(Object self, Object a) {
    check();
    calls.add("created " + a + " " + ((WovenTargetView) () -> self).describe());
  }

  public static void entered(Object arg) {
    check();
    calls.add("entered " + arg);
  }

  private static void check() {
    if (failing) {
      throw new IllegalStateException("advice failure");
    }
  }

  /** Reads the woven object's fields reflectively (it is another class than the test's own). */
  interface WovenTargetView {
    Object self();

    default String describe() {
      try {
        Object o = self();
        return "a=" + o.getClass().getDeclaredField("a").get(o) + " c=" + o.getClass().getDeclaredField("c").get(o);
      } catch (ReflectiveOperationException e) {
        return e.toString();
      }
    }
  }
}
