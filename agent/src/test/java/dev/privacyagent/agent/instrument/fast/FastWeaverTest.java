package dev.privacyagent.agent.instrument.fast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.privacyagent.agent.instrument.Hook;
import dev.privacyagent.agent.instrument.Hooks;
import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.dispatch.Failures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start-up weaver on javac-compiled code: the woven class passes the JVM's verifier when it is
 * defined, behaves as before (values, exceptions, handlers), and the advice sees what Byte Buddy's
 * advice would see; a throwing advice changes nothing.
 */
class FastWeaverTest {
  private static final String NAME = WovenTarget.class.getName();
  private static final String KIND = "L" + TestKind.class.getName().replace('.', '/') + ";";

  @BeforeEach
  @AfterEach
  void reset() {
    Recorder.calls.clear();
    Recorder.failing = false;
  }

  private static Class<?> woven(List<Site> sites) throws Exception {
    byte[] original = ClassFiles.read(WovenTarget.class.getClassLoader(), NAME.replace('.', '/'));
    byte[] bytes = FastTransformer.weave(NAME.replace('.', '/'), original, sites, KIND);
    assertThat(bytes).isNotNull();
    ClassLoader parent = FastWeaverTest.class.getClassLoader();
    return new ClassLoader(parent) {
      @Override
      protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
        if (n.equals(NAME)) {
          synchronized (getClassLoadingLock(n)) {
            Class<?> c = findLoadedClass(n);
            return c != null ? c : defineClass(n, bytes, 0, bytes.length);
          }
        }
        return super.loadClass(n, resolve);
      }
    }.loadClass(NAME);
  }

  private static Object call(Object target, String name, Object... args) throws Throwable {
    for (Method m : target.getClass().getMethods()) {
      if (m.getName().equals(name)) {
        try {
          return m.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no method " + name);
  }

  private static Object instance(Class<?> c) throws Exception {
    return c.getConstructor(String.class, boolean.class).newInstance("x", true);
  }

  @Test
  void aroundAdviceSeesArgumentsReturnValuesThrowablesAndItsEnterValue() throws Throwable {
    Site around = Site.of(TestAdvice.Around.class, MethodSpec.method("plain").concrete(), 2);
    Site fails = Site.of(TestAdvice.Around.class, MethodSpec.method("fails").concrete(), 3);
    Object t = instance(woven(List.of(around, fails)));
    assertThat(call(t, "plain", "hi")).isEqualTo("hi!");
    assertThat(((CompletableFuture<?>) call(t, "fails", "")).join()).isEqualTo("empty");
    assertThatThrownBy(() -> call(t, "fails", "boom")).isInstanceOf(IllegalArgumentException.class).hasMessage("boom");
    assertThat(Recorder.calls).hasSize(6);
    assertThat(Recorder.calls.get(0)).isEqualTo("enter 2 hi");
    assertThat(Recorder.calls.get(1)).isEqualTo("exit hi! null 42");
    assertThat(Recorder.calls.get(3)).startsWith("exit java.util.concurrent.CompletableFuture").endsWith(" null 43");
    assertThat(Recorder.calls.get(4)).isEqualTo("enter 3 boom");
    assertThat(Recorder.calls.get(5)).isEqualTo("exit null IllegalArgumentException 43");
  }

  @Test
  void wideLocalsLoopsAndHandlersOfTheMethodKeepWorking() throws Throwable {
    Object t = instance(woven(List.of(
        Site.of(TestAdvice.Token.class, MethodSpec.method("busy").args("int", "long", "java.lang.String")))));
    assertThat(call(t, "busy", 2, 5L, "s")).isEqualTo(7L);
    assertThat(call(t, "busy", 0, 5L, null)).isEqualTo(-1L);
    assertThat(call(t, "busy", 0, 4L, "s")).isEqualTo((long) ((4 + 0 + 1 + 2) * 1.5));
    assertThat(Recorder.calls).containsExactly(
        "enterLong s", "exitLong 2 1099511627776",
        "enterLong null", "exitLong 0 1099511627776",
        "enterLong s", "exitLong 0 1099511627776");
  }

  @Test
  void constructorExitSeesTheInitialisedObjectOnEveryReturn() throws Throwable {
    Class<?> c = woven(List.of(Site.of(TestAdvice.Created.class, MethodSpec.constructor().argCount(2))));
    c.getConstructor(String.class, boolean.class).newInstance("early", true);
    c.getConstructor(String.class, boolean.class).newInstance("late", false);
    assertThat(Recorder.calls).containsExactly("created early a=early c=0", "created late a=late c=1");
  }

  @Test
  void enterOnlyAdviceAndStaticMethods() throws Throwable {
    Class<?> c = woven(List.of(
        Site.of(TestAdvice.Enter.class, MethodSpec.method("nothing").concrete()),
        Site.of(TestAdvice.Enter.class, MethodSpec.method("twice").concrete())));
    Object t = instance(c);
    call(t, "nothing", (Object) null);
    call(t, "nothing", "o");
    assertThat(c.getMethod("twice", String.class).invoke(null, "ab")).isEqualTo("abab");
    assertThat(Recorder.calls).containsExactly("entered null", "entered o", "entered ab");
  }

  @Test
  void twoAdvicesOnOneMethodNest() throws Throwable {
    Object t = instance(woven(List.of(
        Site.of(TestAdvice.Around.class, MethodSpec.method("plain"), 1),
        Site.of(TestAdvice.Enter.class, MethodSpec.method("plain")))));
    assertThat(call(t, "plain", "n")).isEqualTo("n!");
    assertThat(Recorder.calls).containsExactlyInAnyOrder("enter 1 n", "entered n", "exit n! null 41");
  }

  @Test
  void aThrowingAdviceIsSuppressedAndTheEnterValueIsItsDefault() throws Throwable {
    Object t = instance(woven(List.of(
        Site.of(TestAdvice.Around.class, MethodSpec.method("plain"), 1),
        Site.of(TestAdvice.Around.class, MethodSpec.method("fails"), 1),
        Site.of(TestAdvice.Token.class, MethodSpec.method("busy")))));
    Recorder.failing = true;
    assertThat(call(t, "plain", "q")).isEqualTo("q!");
    assertThat(call(t, "busy", 0, 5L, null)).isEqualTo(-1L);
    assertThatThrownBy(() -> call(t, "fails", "boom")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Recorder.calls).isEmpty();
  }

  @Test
  void aBindingTheWeaverCannotTypeIsRefusedNotWovenWrongly() {
    byte[] original = ClassFiles.read(WovenTarget.class.getClassLoader(), NAME.replace('.', '/'));
    // an int parameter into an Object advice parameter would need boxing
    assertThatThrownBy(() -> FastTransformer.weave(NAME.replace('.', '/'), original,
        List.of(Site.of(TestAdvice.Enter.class, MethodSpec.method("busy"))), KIND))
        .hasMessageContaining("not supported by the start-up weaver");
  }

  @Test
  void noMatchingMethodLeavesTheClassAlone() {
    byte[] original = ClassFiles.read(WovenTarget.class.getClassLoader(), NAME.replace('.', '/'));
    assertThat(FastTransformer.weave(NAME.replace('.', '/'), original,
        List.of(Site.of(TestAdvice.Enter.class, MethodSpec.method("absent"))), KIND)).isNull();
  }

  @Test
  void everyHookOfTheAgentIsWithinWhatTheStartUpWeaverReplays() {
    for (boolean attached : new boolean[] {false, true}) {
      List<Hook> hooks = Hooks.all(attached);
      new FastTransformer(hooks, l -> true, new Failures()); // throws when an advice is beyond it
    }
  }
}
