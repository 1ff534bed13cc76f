package dev.privacyagent.agent.dispatch;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node a transport belongs to, the bound listen addresses already reported for it, and the
 * security it runs by itself (QUIC's TLS; null for transports that negotiate one).
 */
final class TransportState {
  volatile String node;
  volatile String builtInSecurity;
  final Set<String> listening = ConcurrentHashMap.newKeySet();

  TransportState(String node) {
    this.node = node;
  }
}
