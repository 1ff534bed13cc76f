package dev.privacyagent.agent.instrument.fast;

import net.bytebuddy.asm.Advice;

/** Advice shaped like the agent's hooks, calling {@link Recorder} instead of the bridge. */
final class TestAdvice {
  private TestAdvice() {}

  /** enter value, exit on return and on throwable (UpgradeHook, TransportHook). */
  static final class Around {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter(@TestKind int kind, @Advice.This Object self, @Advice.Argument(0) Object arg) {
      return Recorder.enter(kind, self, arg);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.This Object self,
        @Advice.Return Object ret,
        @Advice.Thrown Throwable thrown,
        @Advice.Enter int depth) {
      Recorder.exit(self, ret, thrown, depth);
    }
  }

  /** long enter value, primitive return (DialHook's shape). */
  static final class Token {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.Argument(2) Object s) {
      return Recorder.enterLong(s);
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) int x, @Advice.Enter long token) {
      Recorder.exitLong(x, token);
    }
  }

  /** constructor exit (HostHook, StreamHook). */
  static final class Created {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object self, @Advice.Argument(0) Object a) {
      Recorder.created(self, a);
    }
  }

  /** enter only (ConnectionHook). */
  static final class Enter {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object o) {
      Recorder.entered(o);
    }
  }
}
