package dev.privacyagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.privacyagent.agent.dispatch.ThrowingSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated
class PrivacyBridgeTest {
  @AfterEach
  void release() {
    PrivacyBridge.uninstall();
  }

  @Test
  void idleBridgeDoesNothing() {
    assertThatCode(() -> {
      PrivacyBridge.streamCreated(new Object());
      assertThat(PrivacyBridge.connectEnter(null)).isZero();
    }).doesNotThrowAnyException();
  }

  @Test
  void aThrowingSinkNeverReachesTheCallerAndIsCounted() {
    assertThat(PrivacyBridge.install(new ThrowingSink(), "test")).isTrue();
    long before = PrivacyBridge.bridgeFailures();
    assertThatCode(() -> {
      PrivacyBridge.hostCreated(new Object());
      PrivacyBridge.transportCreated(new Object(), "/tls/1.0.0");
      PrivacyBridge.connectionHandled(new Object());
      PrivacyBridge.streamWrite(new Object(), "m");
      PrivacyBridge.pingStarted(new Object(), null);
      PrivacyBridge.connectExit(null, null, null, null, null, PrivacyBridge.connectEnter(null));
    }).doesNotThrowAnyException();
    assertThat(PrivacyBridge.bridgeFailures() - before).isEqualTo(7);
  }

  @Test
  void onlyTheOutermostOfNestedHooksReportsAndDepthStaysBalanced() {
    java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    PrivacyBridge.Sink counting = (PrivacyBridge.Sink) java.lang.reflect.Proxy.newProxyInstance(
        getClass().getClassLoader(), new Class<?>[] {PrivacyBridge.Sink.class},
        (proxy, m, args) -> {
          calls.add(m.getName());
          return m.getReturnType() == long.class ? 0L : null;
        });
    assertThat(PrivacyBridge.install(counting, "test")).isTrue();
    // a wrapper transport whose dial calls a hooked delegate's dial
    int outer = PrivacyBridge.enter(PrivacyBridge.DIAL);
    int inner = PrivacyBridge.enter(PrivacyBridge.DIAL);
    PrivacyBridge.addressExit(PrivacyBridge.DIAL, new Object(), "addr", null, null, inner);
    PrivacyBridge.addressExit(PrivacyBridge.DIAL, new Object(), "addr", null, null, outer);
    assertThat(calls).containsExactly("dialExit");
    // other kinds are independent, and after the nest a plain call reports again
    int listen = PrivacyBridge.enter(PrivacyBridge.LISTEN);
    PrivacyBridge.addressExit(PrivacyBridge.LISTEN, new Object(), "addr", null, null, listen);
    int again = PrivacyBridge.enter(PrivacyBridge.DIAL);
    assertThat(again).isZero();
    PrivacyBridge.addressExit(PrivacyBridge.DIAL, new Object(), "addr", null, null, again);
    assertThat(calls).containsExactly("dialExit", "listenExit", "dialExit");
    // an exit whose enter advice never ran (depth 0 by default) must not unbalance the count
    PrivacyBridge.transportClosed(new Object(), null, 0);
    PrivacyBridge.transportClosed(new Object(), null, 0);
    int close = PrivacyBridge.enter(PrivacyBridge.CLOSE);
    assertThat(close).isZero();
    PrivacyBridge.transportClosed(new Object(), null, close);
    assertThat(calls).containsExactly("dialExit", "listenExit", "dialExit", "transportClosed",
        "transportClosed", "transportClosed");
  }

  @Test
  void secondInstallIsRefused() {
    assertThat(PrivacyBridge.install(new ThrowingSink(), "first")).isTrue();
    assertThat(PrivacyBridge.install(new ThrowingSink(), "second")).isFalse();
    assertThat(PrivacyBridge.installedBy()).isEqualTo("first");
  }
}
