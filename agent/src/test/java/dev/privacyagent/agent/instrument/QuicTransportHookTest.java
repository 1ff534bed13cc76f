package dev.privacyagent.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.bootstrap.PrivacyBridge;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.MethodCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The QuicTransport constructor hook, woven into a generated class shaped as jvm-libp2p 1.3.5's
 * (io.libp2p.transport.quic.QuicTransport(PrivKey, String, List, QuicConfig)): constructing one
 * tells the bridge that the transport runs /tls/1.0.0, and nothing else is matched.
 */
class QuicTransportHookTest {
  final List<Object[]> calls = new CopyOnWriteArrayList<>();

  @AfterEach
  void release() {
    PrivacyBridge.uninstall();
  }

  @Test
  void constructingAQuicTransportReportsItsBuiltInTls() throws Exception {
    ClassLoader parent = getClass().getClassLoader();
    Class<?> privKey = new ByteBuddy().makeInterface().name("io.libp2p.core.crypto.PrivKey").make()
        .load(parent, ClassLoadingStrategy.Default.WRAPPER).getLoaded();
    Class<?> config = new ByteBuddy().makeInterface().name("io.libp2p.transport.quic.QuicConfig").make()
        .load(privKey.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
    QuicTransportHook hook = new QuicTransportHook();
    Class<?> quic = new ByteBuddy().subclass(Object.class, net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy.Default.NO_CONSTRUCTORS)
        .name("io.libp2p.transport.quic.QuicTransport")
        .defineConstructor(Visibility.PUBLIC).withParameters(privKey, String.class, List.class, config)
        .intercept(MethodCall.invoke(Object.class.getConstructor()))
        .defineConstructor(Visibility.PUBLIC).withParameters(String.class)
        .intercept(MethodCall.invoke(Object.class.getConstructor()))
        .visit(Matchers.advice(hook.sites()))
        .make()
        .load(config.getClassLoader(), ClassLoadingStrategy.Default.WRAPPER).getLoaded();
    assertThat(Matchers.types(hook.types()).matches(TypeDescription.ForLoadedType.of(quic))).isTrue();
    assertThat(Matchers.types(hook.types()).matches(TypeDescription.ForLoadedType.of(String.class))).isFalse();

    PrivacyBridge.install(recordingSink(), "test");
    Object transport = quic.getConstructor(privKey, String.class, List.class, config)
        .newInstance(null, "Ed25519", List.of(), null);
    assertThat(calls).singleElement().satisfies(c -> {
      assertThat(c[0]).isSameAs(transport);
      assertThat(c[1]).isEqualTo("/tls/1.0.0");
    });
    quic.getConstructor(String.class).newInstance("other");
    assertThat(calls).hasSize(1);
  }

  private PrivacyBridge.Sink recordingSink() {
    return (PrivacyBridge.Sink) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {PrivacyBridge.Sink.class}, (p, m, args) -> {
          if (m.getName().equals("transportCreated")) {
            calls.add(args);
          }
          return m.getReturnType() == long.class ? 0L : null;
        });
  }
}
