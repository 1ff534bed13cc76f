package dev.privacyagent.agent.dispatch;

import dev.privacyagent.bootstrap.PrivacyBridge;

/**
 * Fault injection ({@code faultInjection=throw}): every hook throws, to prove that a broken agent
 * never reaches the application. The bridge counts what this throws.
 */
public final class ThrowingSink implements PrivacyBridge.Sink {
  private static RuntimeException boom() {
    return new IllegalStateException("privacy-agent fault injection");
  }

  @Override
  public void hostCreated(Object host) {
    throw boom();
  }

  @Override
  public void transportCreated(Object transport, String builtInSecurity) {
    throw boom();
  }

  @Override
  public void discovered(Object hostOrNetwork) {
    throw boom();
  }

  @Override
  public void connectionHandled(Object connection) {
    throw boom();
  }

  @Override
  public void upgradeStarted(
      boolean security, Object channel, String protocolId, Object future, Throwable thrown) {
    throw boom();
  }

  @Override
  public void streamCreated(Object stream) {
    throw boom();
  }

  @Override
  public void streamWrite(Object stream, Object message) {
    throw boom();
  }

  @Override
  public long connectEnter(Object peerId) {
    throw boom();
  }

  @Override
  public void connectExit(
      Object network, Object peerId, Object[] addrs, Object future, Throwable thrown, long token) {
    throw boom();
  }

  @Override
  public void dialExit(Object transport, Object addr, Object future, Throwable thrown) {
    throw boom();
  }

  @Override
  public void listenExit(Object transport, Object addr, Object future, Throwable thrown) {
    throw boom();
  }

  @Override
  public void unlistenExit(Object transport, Object addr, Object future, Throwable thrown) {
    throw boom();
  }

  @Override
  public void transportClosed(Object transport, Object future) {
    throw boom();
  }

  @Override
  public void identifyReceived(Object stream, Object message) {
    throw boom();
  }

  @Override
  public void pingStarted(Object initiator, Object future) {
    throw boom();
  }
}
