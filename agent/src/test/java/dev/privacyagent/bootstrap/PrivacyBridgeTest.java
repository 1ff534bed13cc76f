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
      PrivacyBridge.connectionHandled(new Object());
      PrivacyBridge.streamWrite(new Object(), "m");
      PrivacyBridge.pingStarted(new Object(), null);
      PrivacyBridge.connectExit(null, null, null, null, null, PrivacyBridge.connectEnter(null));
    }).doesNotThrowAnyException();
    assertThat(PrivacyBridge.bridgeFailures() - before).isEqualTo(6);
  }

  @Test
  void secondInstallIsRefused() {
    assertThat(PrivacyBridge.install(new ThrowingSink(), "first")).isTrue();
    assertThat(PrivacyBridge.install(new ThrowingSink(), "second")).isFalse();
    assertThat(PrivacyBridge.installedBy()).isEqualTo("first");
  }
}
