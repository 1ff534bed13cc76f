package dev.privacyagent.agent.dispatch;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the agent knows about one connection. It never references the connection itself: the
 * registry maps the connection weakly to this state.
 */
final class ConnState {
  final String connId;
  volatile String node;
  volatile String remotePeerId;
  volatile String security;
  volatile String muxer;
  /** Set by the first hook that reports the connection as open (de-duplicates broadcasts). */
  final AtomicBoolean opened = new AtomicBoolean();
  final AtomicBoolean closeHooked = new AtomicBoolean();
  final AtomicBoolean closed = new AtomicBoolean();

  ConnState(String connId) {
    this.connId = connId;
  }
}
