package dev.privacyagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;
import net.bytebuddy.dynamic.loading.PackageDefinitionStrategy;
import org.junit.jupiter.api.Test;

/** The version check reads class files of generated stand-ins for old and new jvm-libp2p. */
class SupportCheckTest {

  private static DynamicType.Builder<?> iface(String name) {
    return new ByteBuddy().makeInterface().name(name);
  }

  /** A loader holding jvm-libp2p-named types; class files readable as resources, as in a jar. */
  private static ClassLoader libp2p(boolean threeArgListen, boolean earlyMuxer) {
    Map<String, byte[]> types = new HashMap<>();
    types.put("io.libp2p.core.Host", iface("io.libp2p.core.Host").make().getBytes());
    DynamicType.Builder<?> transport = iface("io.libp2p.core.transport.Transport")
        .defineMethod("listen", CompletableFuture.class, Visibility.PUBLIC, net.bytebuddy.description.modifier.MethodManifestation.ABSTRACT)
        .withParameters(Object.class, Object.class)
        .withoutCode();
    if (threeArgListen) {
      transport = transport
          .defineMethod("listen", CompletableFuture.class, Visibility.PUBLIC, net.bytebuddy.description.modifier.MethodManifestation.ABSTRACT)
          .withParameters(Object.class, Object.class, Object.class)
          .withoutCode();
    }
    types.put("io.libp2p.core.transport.Transport", transport.make().getBytes());
    DynamicType.Builder<?> session = new ByteBuddy().subclass(Object.class)
        .name("io.libp2p.core.security.SecureChannel$Session").modifiers(Modifier.PUBLIC);
    if (earlyMuxer) {
      session = session.defineMethod("getEarlyMuxer", Object.class, Visibility.PUBLIC)
          .intercept(net.bytebuddy.implementation.FixedValue.nullValue());
    }
    types.put("io.libp2p.core.security.SecureChannel$Session", session.make().getBytes());
    return new ByteArrayClassLoader(
        null, false, types, null, ByteArrayClassLoader.PersistenceHandler.MANIFEST, PackageDefinitionStrategy.NoOp.INSTANCE);
  }

  @Test
  void supportedWhenThe10SignaturesArePresent() {
    SupportCheck.Verdict v = SupportCheck.check(libp2p(true, true));
    assertThat(v.present()).isTrue();
    assertThat(v.supported()).isTrue();
  }

  @Test
  void pre09IsUnsupportedAndSaysWhy() {
    SupportCheck.Verdict v = SupportCheck.check(libp2p(false, false));
    assertThat(v.present()).isTrue();
    assertThat(v.supported()).isFalse();
    assertThat(v.reason()).contains("three-argument Transport.listen");
  }

  @Test
  void pre10IsUnsupportedAndSaysWhy() {
    SupportCheck.Verdict v = SupportCheck.check(libp2p(true, false));
    assertThat(v.supported()).isFalse();
    assertThat(v.reason()).contains("getEarlyMuxer").contains("1.0.0");
  }

  @Test
  void absentWhenNoHost() {
    assertThat(SupportCheck.check(new ClassLoader(null) {}).present()).isFalse();
  }

  @Test
  void theFirstSupportedLoaderActivatesOnceAndAnUnsupportedOneNever() {
    int[] activations = {0};
    SupportCheck check = new SupportCheck(l -> activations[0]++);
    ClassLoader old = libp2p(false, false);
    assertThat(check.matches(old)).isFalse();
    assertThat(activations[0]).isZero();
    ClassLoader current = libp2p(true, true);
    assertThat(check.matches(current)).isTrue();
    assertThat(check.matches(current)).isTrue();
    assertThat(check.matches(libp2p(true, true))).isTrue();
    assertThat(activations[0]).isEqualTo(1);
  }
}
